using System.Globalization;

namespace Sharplet.Util;

// Reads the small kernel files the stats and eviction loops parse every period (cgroup stat files, /proc/*/net/dev,
// mountinfo) into one reused buffer per thread and parses the UTF-8 bytes in place: reading them as lines of
// strings was the agent's largest steady allocation (~9.5 MB per 29 s with 30 pods). procfs and cgroupfs report a
// size of 0, so the file is read until end of file. The span Read returns is the calling thread's buffer: it stays
// valid only until that thread's next Read, so a caller parses it before it reads another file (no await between).
internal static class ProcFile
{
    private const int InitialBytes = 16 * 1024;

    [ThreadStatic]
    private static byte[]? buffer;

    private static ReadOnlySpan<byte> Whitespace => " \t\r\n"u8;

    public static ReadOnlySpan<byte> Read(string path)
    {
        var bytes = buffer ??= new byte[InitialBytes];
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var total = 0;
        while (true)
        {
            if (total == bytes.Length)
            {
                Array.Resize(ref bytes, bytes.Length * 2);
                buffer = bytes;
            }

            var read = RandomAccess.Read(handle, bytes.AsSpan(total), total);
            if (read == 0)
            {
                return bytes.AsSpan(0, total);
            }

            total += read;
        }
    }

    // The value of the last "key<separator>value..." line whose key (trimmed) is the given one: the first
    // whitespace-separated token after the separator, as an unsigned decimal. Null when no such line parses.
    public static ulong? Value(ReadOnlySpan<byte> text, byte separator, ReadOnlySpan<byte> key)
    {
        ulong? result = null;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            var at = line.IndexOf(separator);
            if (at <= 0 || !line[..at].Trim(Whitespace).SequenceEqual(key))
            {
                continue;
            }

            var rest = line[(at + 1)..].Trim(Whitespace);
            var end = rest.IndexOf((byte)' ');
            if (ulong.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                result = n;
            }
        }

        return result;
    }

    // The whole file as one unsigned decimal (surrounding whitespace ignored); null when it is not one.
    public static ulong? Number(ReadOnlySpan<byte> text) =>
        ulong.TryParse(text.Trim(Whitespace), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
