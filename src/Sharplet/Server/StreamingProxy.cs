using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Sharplet.Server;

// Upstream's proxyStream (an UpgradeAwareHandler with upgradeRequired): the client's upgrade request goes to
// the runtime's streaming URL with its headers untouched (SPDY/3.1 or WebSocket, whatever the two ends
// negotiate; this class does not speak either), the runtime's answer comes back, and after a 101 the bytes
// are copied both ways until either side closes; then both connections close, which ends the runtime's
// session (a client that hangs up ends its exec).
internal static class StreamingProxy
{
    private const int MaxResponseHead = 64 * 1024;

    // Hop-by-hop headers the proxy sets itself.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "Transfer-Encoding" };

    public static async Task ProxyAsync(HttpContext context, Uri location)
    {
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is null || !upgrade.IsUpgradableRequest)
        {
            await Respond.TextAsync(context, 400, "Upgrade request required").ConfigureAwait(false);
            return;
        }

        if (location.Scheme != "http")
        {
            await Respond.TextAsync(context, 500, $"streaming URL {location} is not http").ConfigureAwait(false);
            return;
        }

        var ct = context.RequestAborted;
        using var backend = new TcpClient { NoDelay = true };
        try
        {
            await backend.ConnectAsync(location.Host, location.Port, ct).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            await Respond.TextAsync(context, 502, $"error dialing backend: {ex.Message}").ConfigureAwait(false);
            return;
        }

        var backendStream = backend.GetStream();
        await backendStream.WriteAsync(RequestHead(context.Request, location), ct).ConfigureAwait(false);

        var (head, extra) = await ReadHeadAsync(backendStream, ct).ConfigureAwait(false);
        if (head is null)
        {
            await Respond.TextAsync(context, 502, "the runtime's streaming server closed the connection without an answer").ConfigureAwait(false);
            return;
        }

        var (status, headers) = ParseHead(head);
        if (status != 101)
        {
            // A refused session (unknown token, bad options): relay the runtime's answer as it is.
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers.Where(h => !NotForwarded.Contains(h.Name) && !h.Name.Equals("Connection", StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Headers.Append(name, value);
            }

            var length = headers.Where(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(h => long.TryParse(h.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : (long?)null).FirstOrDefault();
            var first = length is { } total ? extra.AsMemory(0, (int)Math.Min(extra.Length, total)) : extra;
            await context.Response.Body.WriteAsync(first, ct).ConfigureAwait(false);
            var left = (length ?? long.MaxValue) - first.Length;
            var buffer = new byte[16 * 1024];
            int n;
            while (left > 0 && (n = await backendStream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct).ConfigureAwait(false)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                left -= n;
            }

            return;
        }

        foreach (var (name, value) in headers.Where(h => !h.Name.Equals("Connection", StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Headers.Append(name, value);
        }

        var client = await upgrade.UpgradeAsync().ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            if (extra.Length > 0)
            {
                await client.WriteAsync(extra, ct).ConfigureAwait(false);
            }

            using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var up = CopyAsync(client, backendStream, done.Token);
            var down = CopyAsync(backendStream, client, done.Token);

            // As Go's handler: either direction ending ends the session.
            await Task.WhenAny(up, down).ConfigureAwait(false);
            await done.CancelAsync().ConfigureAwait(false);
            backend.Close();
            await Task.WhenAll(up, down).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, n), ct).ConfigureAwait(false);
                await to.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // A side went away: the session ends.
        }
    }

    public static byte[] RequestHead(HttpRequest request, Uri location)
    {
        var sb = new StringBuilder();
        var target = location.PathAndQuery;
        if (string.IsNullOrEmpty(location.Query) && request.QueryString.HasValue)
        {
            target = location.AbsolutePath + request.QueryString.Value;
        }

        sb.Append(CultureInfo.InvariantCulture, $"{request.Method} {target} HTTP/1.1\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"Host: {location.Authority}\r\n");
        foreach (var (name, values) in request.Headers)
        {
            if (NotForwarded.Contains(name) || name.StartsWith(':'))
            {
                continue;
            }

            foreach (var value in values)
            {
                sb.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
            }
        }

        sb.Append("\r\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }

    // The response head and whatever bytes of the stream came with it.
    private static async Task<(string? Head, byte[] Extra)> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[MaxResponseHead];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
            if (n == 0)
            {
                return (null, []);
            }

            filled += n;
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return (Encoding.Latin1.GetString(buffer, 0, end), buffer[(end + 4)..filled]);
            }
        }

        return (null, []);
    }

    public static (int Status, List<(string Name, string Value)> Headers) ParseHead(string head)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ', 3);
        var status = parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 502;
        var headers = new List<(string, string)>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add((line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return (status, headers);
    }
}
