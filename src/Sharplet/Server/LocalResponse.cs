using System.Globalization;
using System.Text;

namespace Sharplet.Server;

// The answer on one connection. Every response closes its connection (no keep-alive): the agent's clients make
// one call at a time, and a streamed body (a followed log) then simply ends with the connection.
internal sealed class LocalResponse(Stream connection)
{
    public bool Started { get; private set; }

    // The stream a streamed body is written to, after StartAsync.
    public Stream Body => connection;

    public Task TextAsync(int status, string text, CancellationToken cancellationToken) =>
        WriteAsync(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text), cancellationToken);

    public async Task WriteAsync(int status, string contentType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await WriteHeadAsync(status, contentType, body.Length, cancellationToken).ConfigureAwait(false);
        await connection.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    // A body of unknown length follows; it ends when the connection closes.
    public Task StartAsync(int status, string contentType, CancellationToken cancellationToken) =>
        WriteHeadAsync(status, contentType, null, cancellationToken);

    private async Task WriteHeadAsync(int status, string contentType, long? length, CancellationToken cancellationToken)
    {
        if (Started)
        {
            throw new InvalidOperationException("the response has already started");
        }

        Started = true;
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrase(status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow.ToString("r", CultureInfo.InvariantCulture)}\r\n");
        if (length is { } n)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {n}\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await connection.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "Status",
    };
}
