namespace Sharplet.Volumes;

// The path rules of upstream's AtomicWriter, kept free of the file system so they can be tested alone.
// Names starting with ".." are the writer's own (..data, ..data_tmp, the timestamped directories), so a
// user path may not start with "..", climb out with a ".." element, or be absolute.
internal static class PayloadPaths
{
    public const int MaxFileNameLength = 255;
    public const int MaxPathLength = 4096;

    // Null when the path is acceptable, otherwise why not.
    public static string? Problem(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "invalid path: must not be empty";
        }

        if (path.StartsWith('/'))
        {
            return $"invalid path: must be relative path: {path}";
        }

        if (path.Length > MaxPathLength)
        {
            return $"invalid path: must be less than or equal to {MaxPathLength} characters";
        }

        var items = path.Split('/');
        foreach (var item in items)
        {
            if (item == "..")
            {
                return $"invalid path: must not contain '..': {path}";
            }

            if (item.Length > MaxFileNameLength)
            {
                return $"invalid path: filenames must be less than or equal to {MaxFileNameLength} characters";
            }
        }

        return items[0].StartsWith("..", StringComparison.Ordinal) && items[0].Length > 2
            ? $"invalid path: must not start with '..': {path}"
            : null;
    }

    // filepath.Clean for a relative path already free of "..": drops "." elements and empty ones ("a//b", "a/").
    public static string Clean(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        return parts.Length == 0 ? "." : string.Join('/', parts);
    }

    // The first element of each path: the names a container sees in the volume's root, each a symlink into ..data.
    public static IReadOnlySet<string> TopLevelNames(IEnumerable<string> paths) =>
        paths.Select(p => p.Split('/')[0]).ToHashSet(StringComparer.Ordinal);

    // The paths of the old set (files and directories, relative) that the new set no longer has. A directory
    // that still holds a new file is kept, so a non-empty directory is never scheduled for removal.
    public static IReadOnlySet<string> ToRemove(IEnumerable<string> oldPaths, IEnumerable<string> newFiles)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in newFiles)
        {
            for (var sub = file; sub.Length > 0; sub = Parent(sub))
            {
                keep.Add(sub);
            }
        }

        return oldPaths.Where(p => !keep.Contains(p)).ToHashSet(StringComparer.Ordinal);
    }

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }
}
