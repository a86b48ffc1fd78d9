using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Util;

namespace Sharplet.Server;

// The agent's own small HTTP/1.1 server: /healthz on a TCP port and the control API on a root-only unix
// socket. It replaces Kestrel, whose weight (about 9 MB resident and a slower start) bought nothing for a few
// GET paths answered one call per connection.
internal sealed partial class LocalHttpServer : IHostedService, IAsyncDisposable
{
    // Go's http.Server after a failed accept: 5 ms doubling to 1 s.
    private static readonly BackoffPolicy AcceptRetry = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1));

    private static readonly TimeSpan HeadTimeout = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyList<EndPoint> endpoints;
    private readonly Func<LocalRequest, LocalResponse, CancellationToken, Task> handler;
    private readonly ILogger<LocalHttpServer> logger;
    private readonly List<Socket> listeners = [];
    private readonly List<Task> acceptLoops = [];
    private readonly ConcurrentDictionary<Task, bool> connections = new();
    private readonly CancellationTokenSource stopping = new();

    public LocalHttpServer(IReadOnlyList<EndPoint> endpoints, Func<LocalRequest, LocalResponse, CancellationToken, Task> handler, ILogger<LocalHttpServer> logger)
    {
        this.endpoints = endpoints;
        this.handler = handler;
        this.logger = logger;
    }

    // Binds every endpoint before returning, so a taken port fails the start with an IOException naming it.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in endpoints)
        {
            var listener = Bind(endpoint);
            listeners.Add(listener);
            var viaControlSocket = endpoint is UnixDomainSocketEndPoint;
            acceptLoops.Add(Task.Run(() => AcceptLoopAsync(listener, viaControlSocket, stopping.Token), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in listeners)
        {
            listener.Dispose();
        }

        // In-flight answers (a followed log) end with the cancellation; waiting is bounded by the host's stop.
        await Task.WhenAll(acceptLoops.Concat(connections.Keys)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    private static Socket Bind(EndPoint endpoint)
    {
        var unix = endpoint as UnixDomainSocketEndPoint;
        var socket = unix is not null
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (unix is not null)
            {
                // A socket file left by a killed agent; the root dir's lock says nobody listens on it now.
                File.Delete(unix.ToString());
            }

            socket.Bind(endpoint);
            if (unix is not null)
            {
                File.SetUnixFileMode(unix.ToString(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            socket.Listen(64);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new IOException($"cannot listen on {endpoint}: {ex.Message}", ex);
        }
    }

    private async Task AcceptLoopAsync(Socket listener, bool viaControlSocket, CancellationToken cancellationToken)
    {
        var acceptFailures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // Out of descriptors and the like: the listener stays, and the next accept waits a little longer
                // each time (5 ms doubling to 1 s, as Go's http.Server) instead of spinning on a core.
                LogAcceptFailed(logger, ex.Message);
                var acceptDelay = AcceptRetry.Delay(acceptFailures++);
                try
                {
                    await Task.Delay(acceptDelay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            acceptFailures = 0;

            var connection = ServeAsync(client, viaControlSocket, cancellationToken);
            connections[connection] = true;
            _ = connection.ContinueWith(t => connections.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client, bool viaControlSocket, CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var stream = new NetworkStream(client, ownsSocket: true);
        var response = new LocalResponse(stream);
        LocalRequest? request = null;
        try
        {
            request = await ReadRequestAsync(stream, viaControlSocket, cancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                await response.TextAsync(431, "request head too large or incomplete\n", cancellationToken).ConfigureAwait(false);
                return;
            }

            // The client closing its end ends the answer (a followed log nobody reads any more): the agent's
            // clients send nothing after the head, so a read that completes means the connection went away.
            using var gone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var hangup = WatchForHangupAsync(stream, gone);
            try
            {
                await handler(request, response, gone.Token).ConfigureAwait(false);
            }
            finally
            {
                await gone.CancelAsync().ConfigureAwait(false);
                await hangup.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (FormatException ex)
        {
            await TryAnswerAsync(response, 400, ex.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // The client went away or the agent is stopping: nobody is left to answer.
        }
#pragma warning disable CA1031 // One request's bug must not end the listener; it is logged and answered 500.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRequestFailed(logger, request?.Path ?? "?", ex);
            await TryAnswerAsync(response, 500, ex.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WatchForHangupAsync(Stream stream, CancellationTokenSource gone)
    {
        var one = new byte[1];
        try
        {
            await stream.ReadAsync(one, gone.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }

        await gone.CancelAsync().ConfigureAwait(false);
    }

    private static async Task<LocalRequest?> ReadRequestAsync(Stream stream, bool viaControlSocket, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HeadTimeout);
        var buffer = new byte[RequestHead.MaxBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), timeout.Token).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            filled += read;
            var end = RequestHead.EndOf(buffer.AsSpan(0, filled));
            if (end >= 0)
            {
                return RequestHead.Parse(buffer.AsSpan(0, end), viaControlSocket);
            }
        }

        return null;
    }

    private static async Task TryAnswerAsync(LocalResponse response, int status, string message, CancellationToken cancellationToken)
    {
        if (response.Started)
        {
            return;
        }

        try
        {
            await response.TextAsync(status, message + "\n", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting a connection failed: {Error}")]
    private static partial void LogAcceptFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request for {Path} failed")]
    private static partial void LogRequestFailed(ILogger logger, string path, Exception exception);
}
