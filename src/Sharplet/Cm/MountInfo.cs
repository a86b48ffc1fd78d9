using System.Globalization;

namespace Sharplet.Cm;

// One line of /proc/self/mountinfo. Paths there escape space, tab, newline and backslash as octal (\040).
internal sealed record MountInfo(string MountPoint, string Root, string FsType, string Source, IReadOnlyList<string> SuperOptions)
{
    public static IReadOnlyList<MountInfo> ReadAll(string path = "/proc/self/mountinfo") =>
        File.ReadLines(path).Select(Parse).OfType<MountInfo>().ToList();

    public static MountInfo? Parse(string line)
    {
        // id parent major:minor root mountpoint options [optional fields...] - fstype source superoptions
        var parts = line.Split(' ');
        var dash = Array.IndexOf(parts, "-");
        if (parts.Length < 10 || dash < 6 || dash + 3 >= parts.Length + 1)
        {
            return null;
        }

        var superOptions = dash + 3 < parts.Length ? parts[dash + 3].Split(',') : [];
        return new MountInfo(Unescape(parts[4]), Unescape(parts[3]), parts[dash + 1], Unescape(parts[dash + 2]), superOptions);
    }

    public static bool IsMountPoint(string path, IReadOnlyList<MountInfo>? mounts = null)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return (mounts ?? ReadAll()).Any(m => string.Equals(m.MountPoint, full, StringComparison.Ordinal));
    }

    // The mount a full path lives on: the longest mount point that is "/", the path itself or a directory above
    // it. Reads only the mount point field of each line, in place, as UTF-8 (the eviction loop asks every period):
    // a match is a prefix of the path, so the answer is that prefix. Null when nothing matches.
    public static string? MountPointOf(string fullPath, ReadOnlySpan<byte> mountinfo)
    {
        var path = System.Text.Encoding.UTF8.GetBytes(fullPath);
        var best = -1;
        foreach (var range in mountinfo.Split((byte)'\n'))
        {
            var field = MountPointField(mountinfo[range]);
            if (field.IsEmpty)
            {
                continue;
            }

            // The kernel escapes space, tab, newline and backslash (rare): those take the string path.
            ReadOnlySpan<byte> mountPoint = field.Contains((byte)'\\')
                ? System.Text.Encoding.UTF8.GetBytes(Unescape(System.Text.Encoding.UTF8.GetString(field)))
                : field;
            if (mountPoint.Length > best && Contains(mountPoint, path))
            {
                best = mountPoint.Length;
            }
        }

        return best < 0 ? null : System.Text.Encoding.UTF8.GetString(path, 0, best);
    }

    private static bool Contains(ReadOnlySpan<byte> mountPoint, ReadOnlySpan<byte> path) =>
        (mountPoint.SequenceEqual("/"u8) && path.StartsWith("/"u8))
        || path.SequenceEqual(mountPoint)
        || (path.StartsWith(mountPoint) && path.Length > mountPoint.Length && path[mountPoint.Length] == (byte)'/');

    // The fifth space-separated field of a mountinfo line; empty when the line has fewer.
    private static ReadOnlySpan<byte> MountPointField(ReadOnlySpan<byte> line)
    {
        var index = 0;
        foreach (var range in line.Split((byte)' '))
        {
            if (index++ == 4)
            {
                return line[range];
            }
        }

        return [];
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 3 < value.Length
                && int.TryParse(value.AsSpan(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                result.Append((char)Convert.ToInt32(value.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                result.Append(value[i]);
            }
        }

        return result.ToString();
    }
}
