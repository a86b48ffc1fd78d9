using System.Globalization;
using System.Net.Sockets;

namespace Sharplet.Prober.Handlers;

// Go's net package words for dial failures ("dial tcp 10.88.0.5:8080: connect: connection refused"), which
// upstream's probe failure events carry verbatim and operators search for.
internal static class GoNetErrors
{
    public static string JoinHostPort(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}" : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";

    public static string Dial(string address, SocketException error) => error.SocketErrorCode switch
    {
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"dial tcp: lookup {HostOf(address)}: no such host",
        SocketError.TimedOut => $"dial tcp {address}: i/o timeout",
        _ => $"dial tcp {address}: connect: {Errno(error)}",
    };

    public static string Errno(SocketException error) => error.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostUnreachable => "no route to host",
        SocketError.NetworkUnreachable => "network is unreachable",
        SocketError.ConnectionReset => "connection reset by peer",
        SocketError.AddressNotAvailable => "cannot assign requested address",
        SocketError.AccessDenied => "permission denied",
        SocketError.TimedOut => "connection timed out",
        _ => error.Message.ToLowerInvariant(),
    };

    private static string HostOf(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 ? address[..colon].Trim('[', ']') : address;
    }

    // The first socket error under an exception (HttpRequestException wraps it once or twice).
    public static SocketException? FindSocketError(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }
}
