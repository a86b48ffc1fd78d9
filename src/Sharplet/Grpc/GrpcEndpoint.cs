using System.Net;
using System.Net.Sockets;

namespace Sharplet.Grpc;

// Where a channel connects: a unix socket path, or a TCP host and port (gRPC probes). Parsed from the forms
// operators write in --container-runtime-endpoint: unix:///run/x.sock, unix:/run/x.sock, /run/x.sock,
// tcp://host:port, http://host:port, host:port.
internal sealed record GrpcEndpoint(string Original, string? SocketPath, string? Host, int Port)
{
    public bool IsUnix => SocketPath is not null;

    public static GrpcEndpoint Parse(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        var text = endpoint.Trim();
        if (text.StartsWith("unix://", StringComparison.Ordinal))
        {
            return Unix(endpoint, text["unix://".Length..]);
        }

        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            return Unix(endpoint, text["unix:".Length..]);
        }

        if (text.StartsWith('/'))
        {
            return Unix(endpoint, text);
        }

        foreach (var prefix in new[] { "tcp://", "http://" })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..].TrimEnd('/');
                break;
            }
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            throw new FormatException($"endpoint '{endpoint}': only unix://, tcp:// and http:// endpoints are supported");
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            throw new FormatException($"endpoint '{endpoint}': expected host:port");
        }

        var host = text[..colon].Trim('[', ']');
        return new GrpcEndpoint(endpoint, null, host, port);
    }

    public static GrpcEndpoint ForTcp(string host, int port) =>
        new($"{host}:{port}", null, host, port);

    // The URI authority of requests; for unix sockets any name works and "localhost" is what grpc-go sends.
    public Uri BaseUri => IsUnix
        ? new Uri("http://localhost")
        : new Uri($"http://{(Host!.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port}");

    public EndPoint ToEndPoint() => IsUnix
        ? new UnixDomainSocketEndPoint(SocketPath!)
        : IPAddress.TryParse(Host, out var ip) ? new IPEndPoint(ip, Port) : new DnsEndPoint(Host!, Port);

    public override string ToString() => Original;

    private static GrpcEndpoint Unix(string original, string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            throw new FormatException($"endpoint '{original}': a unix socket path must be absolute");
        }

        return new GrpcEndpoint(original, path, null, 0);
    }
}
