using System.Text;

namespace Sharplet.Server;

// Parses an HTTP/1.x request head ("GET /path?query HTTP/1.1" and header lines). The agent's paths take no
// body and no header changes their answer, so the headers are only checked for shape.
internal static class RequestHead
{
    public const int MaxBytes = 16 * 1024;

    // The end of the head ("\r\n\r\n") in the bytes read so far, or -1.
    public static int EndOf(ReadOnlySpan<byte> buffer)
    {
        var at = buffer.IndexOf("\r\n\r\n"u8);
        return at < 0 ? -1 : at + 4;
    }

    public static LocalRequest Parse(ReadOnlySpan<byte> head, bool viaControlSocket)
    {
        var text = Encoding.ASCII.GetString(head);
        var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        var requestLine = lineEnd < 0 ? text : text[..lineEnd];
        var parts = requestLine.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[1].StartsWith('/') || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new FormatException($"malformed request line \"{requestLine}\"");
        }

        var target = parts[1];
        var q = target.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? target : target[..q];
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (q >= 0)
        {
            foreach (var pair in target[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Decode(eq < 0 ? pair : pair[..eq]);

                // The first value wins, as Go's url.Values.Get reads a repeated parameter.
                query.TryAdd(name, eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]));
            }
        }

        return new LocalRequest(parts[0], path, query, viaControlSocket);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
