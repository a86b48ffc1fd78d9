using System.Net.Sockets;

namespace Sharplet.Prober.Handlers;

// A TCP connect within the timeout is success; the connection is closed at once (upstream probe/tcp).
internal sealed class TcpSocketHandler(TimeProvider time)
{
    public async Task<HandlerOutcome> RunAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var address = GoNetErrors.JoinHostPort(host, port);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
            return HandlerOutcome.Success();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HandlerOutcome.Failure($"dial tcp {address}: i/o timeout");
        }
        catch (SocketException ex)
        {
            return HandlerOutcome.Failure(GoNetErrors.Dial(address, ex));
        }
    }
}
