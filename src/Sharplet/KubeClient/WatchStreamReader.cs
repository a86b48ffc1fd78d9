using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sharplet.Api;

namespace Sharplet.KubeClient;

/// <summary>
/// Decodes a watch response body: one JSON object per line, read incrementally so memory holds at most one
/// event (never the whole response). Every read runs under an idle timer on the injected TimeProvider; a
/// stream that delivers no bytes for <c>idleTimeout</c> ends with a <see cref="TimeoutException"/>, since a
/// dropped connection may otherwise never complete a read.
/// </summary>
internal sealed class WatchStreamReader(Stream stream, TimeSpan idleTimeout, TimeProvider time)
{
    /// <summary>The largest line accepted; etcd caps objects at ~1.5 MiB, so this only stops a runaway stream.</summary>
    public const int MaxLineBytes = 16 * 1024 * 1024;

    private const int InitialBufferBytes = 16 * 1024;

    private static readonly JsonTypeInfo<WatchEvent> EventTypeInfo = KubeJson.TypeInfo<WatchEvent>(KubeJson.Lenient);

    public async IAsyncEnumerable<WatchEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        var buffer = new byte[InitialBufferBytes];
        var start = 0; // first byte of the current (incomplete) line
        var end = 0; // end of the data read so far
        var scanned = 0; // bytes in [start, scanned) hold no newline
        while (true)
        {
            var newline = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = scanned + newline;
                var line = buffer.AsMemory(start, lineEnd - start);
                start = scanned = lineEnd + 1;
                if (Decode(line.Span) is { } watchEvent)
                {
                    yield return watchEvent;
                }

                continue;
            }

            scanned = end;
            (buffer, start, end, scanned) = MakeRoom(buffer, start, end, scanned);
            idle.CancelAfter(idleTimeout);
            var read = await ReadAsync(buffer.AsMemory(end), idle, linked.Token, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                // The server ended the response; a last line without its newline still counts.
                if (Decode(buffer.AsSpan(start, end - start)) is { } last)
                {
                    yield return last;
                }

                yield break;
            }

            end += read;
        }
    }

    /// <summary>Decodes one line; blank lines (keepalive padding) are skipped.</summary>
    internal static WatchEvent? Decode(ReadOnlySpan<byte> line)
    {
        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty)
        {
            return null;
        }

        var watchEvent = JsonSerializer.Deserialize(line, EventTypeInfo)
            ?? throw new JsonException("a watch stream line was JSON null instead of an event");
        return string.IsNullOrEmpty(watchEvent.Type)
            ? throw new JsonException("a watch event has no type")
            : watchEvent;
    }

    private static (byte[] Buffer, int Start, int End, int Scanned) MakeRoom(byte[] buffer, int start, int end, int scanned)
    {
        if (end < buffer.Length)
        {
            return (buffer, start, end, scanned);
        }

        var pending = end - start;
        if (start > 0 && pending < buffer.Length / 2)
        {
            // Mostly consumed: slide the partial line to the front instead of growing.
            buffer.AsSpan(start, pending).CopyTo(buffer);
            return (buffer, 0, pending, scanned - start);
        }

        if (pending >= MaxLineBytes)
        {
            throw new InvalidDataException($"a watch event is longer than {MaxLineBytes} bytes without a line break");
        }

        var grown = new byte[Math.Min(MaxLineBytes + 1, buffer.Length * 2)];
        buffer.AsSpan(start, pending).CopyTo(grown);
        return (grown, 0, pending, scanned - start);
    }

    private async ValueTask<int> ReadAsync(Memory<byte> into, CancellationTokenSource idle, CancellationToken readToken, CancellationToken callerToken)
    {
        try
        {
            return await stream.ReadAsync(into, readToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (idle.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            // A cancelled read may surface as OperationCanceledException or IOException depending on the HTTP version.
            throw new TimeoutException($"the watch received nothing (no event, no bookmark) for {idleTimeout.TotalSeconds:0.###}s; the connection is presumed dead", ex);
        }
    }
}
