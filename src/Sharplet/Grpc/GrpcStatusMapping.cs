using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Sharplet.Grpc;

// Turns what HTTP/2 and the socket layer report into gRPC status codes, following grpc's
// doc/http-grpc-status-mapping.md and its PROTOCOL-HTTP2.md for RST_STREAM codes.
internal static class GrpcStatusMapping
{
    public static bool TryReadStatus(HttpHeaders headers, out GrpcStatusCode code, out string message)
    {
        code = GrpcStatusCode.Unknown;
        message = string.Empty;
        if (!headers.TryGetValues("grpc-status", out var values))
        {
            return false;
        }

        var raw = values.FirstOrDefault();
        code = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && Enum.IsDefined((GrpcStatusCode)value)
            ? (GrpcStatusCode)value
            : GrpcStatusCode.Unknown;
        if (headers.TryGetValues("grpc-message", out var messages))
        {
            message = DecodeMessage(messages.FirstOrDefault() ?? string.Empty);
        }

        return true;
    }

    // grpc-message is percent-encoded UTF-8; a malformed escape is kept as it came.
    public static string DecodeMessage(string encoded)
    {
        if (!encoded.Contains('%', StringComparison.Ordinal))
        {
            return encoded;
        }

        try
        {
            return Uri.UnescapeDataString(encoded);
        }
        catch (UriFormatException)
        {
            return encoded;
        }
    }

    public static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => GrpcStatusCode.Internal,
        HttpStatusCode.Unauthorized => GrpcStatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => GrpcStatusCode.PermissionDenied,
        HttpStatusCode.NotFound => GrpcStatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };

    public static GrpcStatusCode FromHttp2Error(long errorCode) => errorCode switch
    {
        0x7 => GrpcStatusCode.Unavailable,         // REFUSED_STREAM: the request was not processed
        0x8 => GrpcStatusCode.Cancelled,           // CANCEL
        0xb => GrpcStatusCode.ResourceExhausted,   // ENHANCE_YOUR_CALM
        0xc => GrpcStatusCode.PermissionDenied,    // INADEQUATE_SECURITY
        _ => GrpcStatusCode.Internal,
    };

    // Failures below gRPC: the socket is missing, refuses, or the connection dies mid-call. All of them mean
    // "try again later" to a caller, which is what UNAVAILABLE says; the detail keeps the operating system's words.
    public static (GrpcStatusCode Code, string Detail) FromTransportFailure(Exception exception, GrpcEndpoint endpoint)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case MessageTooLargeException tooLarge:
                    return (GrpcStatusCode.ResourceExhausted, tooLarge.Message);
                case InvalidDataException invalid:
                    return (GrpcStatusCode.Internal, invalid.Message);
                case HttpProtocolException protocol:
                    return (FromHttp2Error(protocol.ErrorCode), $"HTTP/2 stream reset: {protocol.Message}");
                case SocketException socket:
                    return (GrpcStatusCode.Unavailable, DescribeSocketError(socket, endpoint));
                default:
                    break;
            }
        }

        return (GrpcStatusCode.Unavailable, $"connection failed: {exception.Message}");
    }

    private static string DescribeSocketError(SocketException socket, GrpcEndpoint endpoint) => socket.SocketErrorCode switch
    {
        _ when endpoint.IsUnix && !File.Exists(endpoint.SocketPath) => $"socket {endpoint.SocketPath} does not exist",
        SocketError.ConnectionRefused => endpoint.IsUnix
            ? $"connection refused on {endpoint.SocketPath} (no process is listening)"
            : "connection refused",
        SocketError.AccessDenied => "permission denied",
        _ => socket.Message,
    };
}
