using System.Globalization;

namespace Sharplet.Server.Stats;

// /proc/<pid>/net/dev: the interfaces of the network namespace that process lives in (loopback left out).
internal static class NetDev
{
    public static IReadOnlyList<InterfaceSample> Read(string file)
    {
        var result = new List<InterfaceSample>();
        try
        {
            foreach (var line in File.ReadLines(file).Skip(2))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }

                var name = line[..colon].Trim();
                var f = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (name == "lo" || f.Length < 11)
                {
                    continue;
                }

                result.Add(new InterfaceSample(name, U(f[0]), U(f[2]), U(f[8]), U(f[10])));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return result;
    }

    private static ulong U(string s) => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
