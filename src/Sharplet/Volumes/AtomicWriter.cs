using System.Globalization;

namespace Sharplet.Volumes;

// Upstream's AtomicWriter: a set of files projected into a directory so that a reader sees the old set or
// the new one, never a mix. The files live in a hidden timestamped directory; "..data" is a symlink to it and
// each name in the volume's root is a symlink through "..data". An update writes a new timestamped directory,
// points "..data_tmp" at it and renames that over "..data" (rename is atomic), then drops names the new set
// no longer has and the old directory. Not safe for concurrent writers of one directory: callers serialize.
internal sealed class AtomicWriter(TimeProvider time)
{
    public const string DataDirName = "..data";
    public const string NewDataDirName = "..data_tmp";

    // Writes the payload into targetDir (which must exist). Returns false when the directory already held
    // exactly this set, in which case nothing on disk changed (no rewrite after a restart, no inotify noise).
    // setPermissions, when given, runs on the new timestamped directory before it becomes visible (fsGroup).
    public bool Write(string targetDir, IReadOnlyDictionary<string, FileProjection> payload, Action<string>? setPermissions = null)
    {
        var clean = Validate(payload);
        var dataDir = Path.Combine(targetDir, DataDirName);
        var oldTsName = new FileInfo(dataDir).LinkTarget;
        var oldTsDir = oldTsName is null ? null : Path.Combine(targetDir, oldTsName);
        IReadOnlySet<string> toRemove = new HashSet<string>();
        if (oldTsDir is not null && Directory.Exists(oldTsDir))
        {
            var oldPaths = Directory.EnumerateFileSystemEntries(oldTsDir, "*", SearchOption.AllDirectories)
                .Select(p => Path.GetRelativePath(oldTsDir, p));
            toRemove = PayloadPaths.ToRemove(oldPaths, clean.Keys);
            if (toRemove.Count == 0 && !Differs(clean, oldTsDir))
            {
                return false;
            }
        }

        var tsDir = NewTimestampDir(targetDir);
        try
        {
            foreach (var (path, file) in clean)
            {
                var full = Path.Combine(tsDir, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, file.Data);

                // Explicitly, not through the umask.
                File.SetUnixFileMode(full, (UnixFileMode)(file.Mode & 0xFFF));
            }

            setPermissions?.Invoke(tsDir);
            foreach (var name in PayloadPaths.TopLevelNames(clean.Keys))
            {
                var visible = Path.Combine(targetDir, name);
                if (!Exists(visible))
                {
                    File.CreateSymbolicLink(visible, Path.Combine(DataDirName, name));
                }
            }

            var newDataDir = Path.Combine(targetDir, NewDataDirName);
            if (Exists(newDataDir))
            {
                File.Delete(newDataDir);
            }

            File.CreateSymbolicLink(newDataDir, Path.GetFileName(tsDir));
            NativeFiles.Rename(newDataDir, dataDir);
        }
        catch
        {
            // The old set is still what ..data points at; only the unfinished directory goes.
            Directory.Delete(tsDir, recursive: true);
            throw;
        }

        // Only names in the root are links of ours; deeper paths went away with the old directory.
        foreach (var path in toRemove.Where(p => !p.Contains('/', StringComparison.Ordinal)))
        {
            var visible = Path.Combine(targetDir, path);
            if (Exists(visible))
            {
                File.Delete(visible);
            }
        }

        if (oldTsDir is not null && Directory.Exists(oldTsDir))
        {
            Directory.Delete(oldTsDir, recursive: true);
        }

        return true;
    }

    public static IReadOnlyDictionary<string, FileProjection> Validate(IReadOnlyDictionary<string, FileProjection> payload)
    {
        var clean = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        foreach (var (path, file) in payload)
        {
            if (PayloadPaths.Problem(path) is { } problem)
            {
                throw new ArgumentException(problem, nameof(payload));
            }

            clean[PayloadPaths.Clean(path)] = file;
        }

        return clean;
    }

    // Content or mode changed, or a file is missing: the set must be written again.
    private static bool Differs(IReadOnlyDictionary<string, FileProjection> payload, string oldTsDir)
    {
        foreach (var (path, file) in payload)
        {
            var full = Path.Combine(oldTsDir, path);
            if (!File.Exists(full) || !File.ReadAllBytes(full).AsSpan().SequenceEqual(file.Data)
                || (int)File.GetUnixFileMode(full) != (file.Mode & 0xFFF))
            {
                return true;
            }
        }

        return false;
    }

    private string NewTimestampDir(string targetDir)
    {
        var stamp = time.GetUtcNow().UtcDateTime.ToString("..yyyy_MM_dd_HH_mm_ss.", CultureInfo.InvariantCulture);
        while (true)
        {
            var path = Path.Combine(targetDir, stamp + Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture));
            if (Exists(path))
            {
                continue;
            }

            Directory.CreateDirectory(path);

            // 0755 so group and other can walk the tree whatever the umask.
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
            return path;
        }
    }

    // Whether anything is at the path, a dangling symlink included.
    private static bool Exists(string path) => new FileInfo(path).LinkTarget is not null || Path.Exists(path);
}
