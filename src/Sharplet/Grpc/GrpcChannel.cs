using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Sharplet.Grpc;

// A gRPC client channel over HTTP/2 (prior knowledge, no TLS) to a unix socket or a TCP port: unary and
// server-streaming calls, a deadline on every call, status codes from trailers, message size limits.
//
// Reconnection is the handler's job: when the peer restarts, the dead HTTP/2 connection is dropped from the
// pool and the next call dials again, so a runtime restart costs the calls in flight (UNAVAILABLE) and nothing
// else. No retries happen here: whether a call is safe to repeat is the caller's decision.
internal sealed class GrpcChannel : IDisposable
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");

    private readonly HttpMessageInvoker invoker;
    private readonly GrpcChannelOptions options;
    private readonly TimeProvider time;
    private volatile bool connected;

    public GrpcChannel(GrpcEndpoint endpoint, GrpcChannelOptions options, TimeProvider time)
    {
        Endpoint = endpoint;
        this.options = options;
        this.time = time;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = ConnectAsync,
        };
        invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public GrpcEndpoint Endpoint { get; }

    // Whether a connection to the peer was ever established: a call that ran out of time tells a peer that
    // could not be reached (gRPC probes: "failed to connect") from one that did not answer.
    public bool HasConnected => connected;

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        string method, TRequest request, MessageParser<TResponse> parser, TimeSpan? timeout, CancellationToken cancellationToken)
        where TRequest : IMessage
        where TResponse : class, IMessage<TResponse>
    {
        var deadline = timeout ?? options.DefaultTimeout;
        using var call = new CallDeadline(deadline, time, cancellationToken);
                try
        {
            using var message = BuildRequest(method, request, deadline);
            using var response = await invoker.SendAsync(message, call.Token).ConfigureAwait(false);
            ThrowOnHeaderStatus(response, method, expectBody: true);
            var body = await response.Content.ReadAsStreamAsync(call.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var reply = await GrpcFraming.ReadAsync(body, parser, options.MaxReceiveMessageSize, call.Token).ConfigureAwait(false);
                if (reply is not null && await GrpcFraming.ReadAsync(body, parser, options.MaxReceiveMessageSize, call.Token).ConfigureAwait(false) is not null)
                {
                    throw Fail(GrpcStatusCode.Internal, "unary call answered with more than one message", method);
                }

                ThrowOnTrailerStatus(response, method);
                return reply ?? throw Fail(GrpcStatusCode.Internal, "unary call answered OK without a message", method);
            }
        }
        catch (Exception ex) when (ex is not GrpcException)
        {
            throw Translate(ex, method, call);
        }
    }

    // Yields each message of a server stream until the server ends it. The timeout bounds the whole stream;
    // pass Timeout.InfiniteTimeSpan for event streams that are meant to stay open.
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(
        string method, TRequest request, MessageParser<TResponse> parser, TimeSpan? timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IMessage
        where TResponse : class, IMessage<TResponse>
    {
        var deadline = timeout ?? options.DefaultTimeout;
        using var call = new CallDeadline(deadline, time, cancellationToken);
                HttpResponseMessage? response = null;
        Stream? body = null;
        try
        {
            using (var message = BuildRequest(method, request, deadline))
            {
                response = await Guard(invoker.SendAsync(message, call.Token), method, call).ConfigureAwait(false);
            }

            ThrowOnHeaderStatus(response, method, expectBody: false);
            body = await Guard(response.Content.ReadAsStreamAsync(call.Token), method, call).ConfigureAwait(false);
            while (true)
            {
                var next = await Guard(
                    GrpcFraming.ReadAsync(body, parser, options.MaxReceiveMessageSize, call.Token).AsTask(),
                    method, call).ConfigureAwait(false);
                if (next is null)
                {
                    break;
                }

                yield return next;
            }

            ThrowOnTrailerStatus(response, method);
        }
        finally
        {
            if (body is not null)
            {
                await body.DisposeAsync().ConfigureAwait(false);
            }

            response?.Dispose();
        }
    }

    public void Dispose() => invoker.Dispose();

    private async Task<T> Guard<T>(Task<T> task, string method, CallDeadline call)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not GrpcException)
        {
            throw Translate(ex, method, call);
        }
    }

    private HttpRequestMessage BuildRequest(string method, IMessage request, TimeSpan deadline)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(Endpoint.BaseUri, method))
        {
            // Hand-built requests ignore HttpClient's default version: without these, the request goes out as
            // HTTP/1.1 and the server resets the connection.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFraming.Encode(request, options.MaxSendMessageSize)),
        };
        message.Content.Headers.ContentType = GrpcContentType;
        message.Headers.TryAddWithoutValidation("te", "trailers");
        message.Headers.TryAddWithoutValidation("user-agent", "sharplet-grpc/1");
        if (deadline != Timeout.InfiniteTimeSpan)
        {
            // Milliseconds, at most 8 digits as the spec allows; the server then gives up when we do.
            var ms = (long)Math.Clamp(Math.Ceiling(deadline.TotalMilliseconds), 1, 99_999_999);
            message.Headers.TryAddWithoutValidation("grpc-timeout", $"{ms}m");
        }

        return message;
    }

    private void ThrowOnHeaderStatus(HttpResponseMessage response, string method, bool expectBody)
    {
        // A trailers-only response carries the status in the headers and no body.
        if (GrpcStatusMapping.TryReadStatus(response.Headers, out var code, out var detail))
        {
            if (code != GrpcStatusCode.OK)
            {
                throw Fail(code, detail, method);
            }

            if (expectBody)
            {
                throw Fail(GrpcStatusCode.Internal, "unary call answered OK without a message", method);
            }
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw Fail(GrpcStatusMapping.FromHttpStatus(response.StatusCode), $"HTTP status {(int)response.StatusCode}", method);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            throw Fail(GrpcStatusCode.Internal, $"response content-type '{mediaType}' is not gRPC", method);
        }
    }

    private void ThrowOnTrailerStatus(HttpResponseMessage response, string method)
    {
        if (GrpcStatusMapping.TryReadStatus(response.TrailingHeaders, out var code, out var detail)
            || GrpcStatusMapping.TryReadStatus(response.Headers, out code, out detail))
        {
            if (code != GrpcStatusCode.OK)
            {
                throw Fail(code, detail, method);
            }

            return;
        }

        throw Fail(GrpcStatusCode.Internal, "response ended without grpc-status", method);
    }

    private GrpcException Translate(Exception ex, string method, CallDeadline call)
    {
        if (call.CallerToken.IsCancellationRequested)
        {
            // The caller gave up: it expects its own cancellation back, not an RPC failure.
            throw new OperationCanceledException($"rpc {method} on {Endpoint} was cancelled", ex, call.CallerToken);
        }

        if (call.Expired)
        {
            return Fail(GrpcStatusCode.DeadlineExceeded, $"no answer within {call.Deadline.TotalSeconds:0.###}s", method, ex);
        }

        var (code, detail) = GrpcStatusMapping.FromTransportFailure(ex, Endpoint);
        return Fail(code, detail, method, ex);
    }

    private GrpcException Fail(GrpcStatusCode code, string detail, string method, Exception? inner = null) =>
        new(code, detail, Endpoint.ToString(), method.TrimStart('/'), inner);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = Endpoint.IsUnix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(Endpoint.ToEndPoint(), cancellationToken).ConfigureAwait(false);
            connected = true;
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
