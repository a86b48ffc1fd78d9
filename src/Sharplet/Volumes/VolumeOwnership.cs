using Sharplet.Util;

namespace Sharplet.Volumes;

// Upstream's SetVolumeOwnership for fsGroup: every file and directory of the volume gets the group, group
// read (and write, unless the volume is read-only) on files, and setgid plus group/other search on
// directories, so files a container creates later inherit the group. Symlinks are not followed (the
// atomic writer's links point inside the volume anyway). fsGroupChangePolicy OnRootMismatch skips the walk
// when the root already has the group and bits, which is what makes it cheap for large volumes.
internal static class VolumeOwnership
{
    public const string Always = "Always";
    public const string OnRootMismatch = "OnRootMismatch";

    private const int ReadWriteMask = 0b000_110_110_000; // S_IRUSR|S_IWUSR|S_IRGRP|S_IWGRP
    private const int ReadOnlyMask = 0b000_100_100_000; // S_IRUSR|S_IRGRP
    private const int ExecMask = 0b000_001_001_001; // search for user, group and other
    private const int SetGid = 0b010_000_000_000;

    public static void Apply(string root, long? fsGroup, bool readOnly, string? changePolicy)
    {
        if (fsGroup is not { } gid || !Directory.Exists(root))
        {
            return;
        }

        if (changePolicy == OnRootMismatch && !RootNeedsChange(root, gid, readOnly))
        {
            return;
        }

        Change(root, gid, readOnly, isDirectory: true);
        foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var kind = FileKindOfNoFollow(path);
            if (kind is FileKind.Kind.Symlink or FileKind.Kind.Missing)
            {
                continue;
            }

            Change(path, gid, readOnly, kind == FileKind.Kind.Directory);
        }
    }

    // The bits a path must have (beyond what it has) under this policy.
    internal static int WantedMode(int mode, bool readOnly, bool isDirectory)
    {
        var wanted = mode | (readOnly ? ReadOnlyMask : ReadWriteMask);
        return isDirectory ? wanted | SetGid | ExecMask : wanted;
    }

    private static bool RootNeedsChange(string root, long gid, bool readOnly)
    {
        var mode = (int)File.GetUnixFileMode(root);
        return GroupOf(root) != gid || WantedMode(mode, readOnly, isDirectory: true) != mode;
    }

    private static void Change(string path, long gid, bool readOnly, bool isDirectory)
    {
        NativeFiles.ChangeGroup(path, gid);
        var mode = (int)File.GetUnixFileMode(path);
        var wanted = WantedMode(mode, readOnly, isDirectory);
        if (wanted != mode)
        {
            File.SetUnixFileMode(path, (UnixFileMode)wanted);
        }
    }

    private static long GroupOf(string path) => NativeFiles.GroupOf(path);

    private static FileKind.Kind FileKindOfNoFollow(string path) =>
        new FileInfo(path).LinkTarget is not null ? FileKind.Kind.Symlink : FileKind.Of(path);
}
