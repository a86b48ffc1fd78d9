using System.Net.Sockets;
using Sharplet.Server;

namespace Sharplet.Cli;

// Talks to a running agent over its control socket (<root-dir>/sharplet.sock).
internal sealed class ControlClient : IDisposable
{
    private readonly HttpClient http;

    public ControlClient(string rootDir)
    {
        SocketPath = ControlSocket.PathFor(rootDir);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { BaseAddress = new Uri("http://sharplet"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public string SocketPath { get; }

    public async Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var message = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                response.Dispose();
                throw new ControlException(message.Trim());
            }

            return response;
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException socket)
        {
            throw new ControlException(socket.SocketErrorCode switch
            {
                SocketError.AccessDenied => $"permission denied on {SocketPath}: only root can talk to the agent",
                _ when !File.Exists(SocketPath) => $"no Sharplet is running with this root dir (no socket at {SocketPath}); pass --root-dir if it uses another",
                _ => $"the agent does not answer on {SocketPath}: {socket.Message}",
            });
        }
    }

    public void Dispose() => http.Dispose();
}

internal sealed class ControlException(string message) : Exception(message);
