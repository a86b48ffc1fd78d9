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
