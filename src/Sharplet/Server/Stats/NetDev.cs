using System.Globalization;
using System.Text;
using Sharplet.Util;

namespace Sharplet.Server.Stats;

// /proc/<pid>/net/dev: the interfaces of the network namespace that process lives in (loopback left out).
internal static class NetDev
{
    public static IReadOnlyList<InterfaceSample> Read(string file)
    {
        try
        {
            return Parse(ProcFile.Read(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    // Two header lines, then "name: rx_bytes rx_packets rx_errs rx_drop ... tx_bytes tx_packets tx_errs ..." with
    // sixteen counters; receive bytes and errors are the 1st and 3rd, transmit bytes and errors the 9th and 11th.
    public static List<InterfaceSample> Parse(ReadOnlySpan<byte> text)
    {
        var result = new List<InterfaceSample>();
        var lineNumber = 0;
        Span<ulong> f = stackalloc ulong[11];
        foreach (var range in text.Split((byte)'\n'))
        {
            if (lineNumber++ < 2)
            {
                continue;
            }

            var line = text[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim(" \t"u8);
            var fields = 0;
            foreach (var field in line[(colon + 1)..].Split((byte)' '))
            {
                var token = line[(colon + 1)..][field];
                if (token.IsEmpty)
                {
                    continue;
                }

                if (fields < f.Length)
                {
                    f[fields] = ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                }

                fields++;
            }

            if (name.SequenceEqual("lo"u8) || fields < 11)
            {
                continue;
            }

            result.Add(new InterfaceSample(Encoding.UTF8.GetString(name), f[0], f[2], f[8], f[10]));
        }

        return result;
    }
}
