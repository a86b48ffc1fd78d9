using System.Net.Sockets;

namespace Sharplet.Prober.Handlers;

// A TCP connect within the timeout is success (upstream prober/tcp).
internal static class TcpSocketHandler
{
    public static async Task<HandlerOutcome> RunAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            return HandlerOutcome.Success();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HandlerOutcome.Failure($"dial tcp {host}:{port}: i/o timeout");
        }
        catch (SocketException ex)
        {
            return HandlerOutcome.Failure($"dial tcp {host}:{port}: connect: {ex.Message.ToLowerInvariant()}");
        }
    }
}
