using System.Net.Sockets;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Sharplet.Grpc;

// One Grpc.Net.Client channel to a unix socket or a TCP port (cleartext HTTP/2), built the documented way: a
// SocketsHttpHandler whose ConnectCallback dials the socket. It adds what the callers need around the library:
// deadlines from the injected TimeProvider, errors that name the endpoint and the RPC with the caller's
// cancellation as OperationCanceledException (CallNaming), and whether a connection was ever made.
//
// Reconnection is the handler's job: when the peer restarts, the dead HTTP/2 connection leaves the pool and
// the next call dials again, so a runtime restart costs the calls in flight (UNAVAILABLE) and nothing else.
// No retries are configured: whether a call is safe to repeat is the caller's decision.
internal sealed class RpcChannel : IDisposable
{
    private readonly GrpcChannelOptions options;
    private readonly TimeProvider time;
    private readonly CallNaming naming;
    private volatile bool connected;

    public RpcChannel(GrpcEndpoint endpoint, GrpcChannelOptions options, TimeProvider time)
    {
        Endpoint = endpoint;
        this.options = options;
        this.time = time;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,

            // HTTP/2 pings find a peer that vanished without closing the connection (the runtime's event
            // stream would otherwise wait forever).
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            EnableMultipleHttp2Connections = true,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = ConnectAsync,
        };
        Channel = GrpcChannel.ForAddress(endpoint.BaseUri, new global::Grpc.Net.Client.GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            MaxSendMessageSize = options.MaxSendMessageSize,
        });
        naming = new CallNaming(endpoint.ToString());
        Invoker = Channel.Intercept(naming);
        Unnamed = Channel.CreateCallInvoker();
    }

    public GrpcEndpoint Endpoint { get; }

    public GrpcChannel Channel { get; }

    // The channel's calls, with errors naming the endpoint and the RPC (CallNaming): for clients of a few calls
    // (the gRPC probe).
    public CallInvoker Invoker { get; }

    // The channel's calls without the interceptor, for clients that name each call themselves (Named: the CRI
    // services). Interceptor.AsyncUnaryCall<TRequest, TResponse> is a generic virtual method called from shared
    // generic code, which NativeAOT resolves and builds with its type loader at run time, on each
    // request/response pair's first call: perf of one start put ~40 ms of type-loader work under CallNaming, and
    // the first pod's CRI phase took ~40 ms longer than a second pod's with it, ~20 ms without (bench/firstpod).
    public CallInvoker Unnamed { get; }

    // A unary call whose failure names the endpoint and the RPC ("runtime.v1.RuntimeService/StartContainer"),
    // as the interceptor's do.
    public Task<T> Named<T>(AsyncUnaryCall<T> call, string method, CancellationToken cancellationToken) =>
        naming.Named(call.ResponseAsync, method, cancellationToken);

    // A server stream whose failures are named the same way.
    public IAsyncStreamReader<T> Named<T>(IAsyncStreamReader<T> stream, string method) => new NamedStreamReader<T>(stream, naming, method);

    // Whether a connection to the peer was ever established: a call that ran out of time tells a peer that
    // could not be reached (gRPC probes: "failed to connect") from one that did not answer.
    public bool HasConnected => connected;

    // The options of one call: its deadline (Timeout.InfiniteTimeSpan for streams meant to stay open, null
    // for the channel's default) and the caller's token.
    public CallOptions Call(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var bound = timeout ?? options.DefaultTimeout;
        DateTime? deadline = bound == Timeout.InfiniteTimeSpan ? null : time.GetUtcNow().UtcDateTime + bound;
        return new CallOptions(deadline: deadline, cancellationToken: cancellationToken);
    }

    public void Dispose() => Channel.Dispose();

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
        catch (SocketException ex)
        {
            socket.Dispose();

            // The library reports this as UNAVAILABLE with the message inside; say what an operator can act on.
            throw new IOException(Describe(ex), ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private string Describe(SocketException socket) => socket.SocketErrorCode switch
    {
        _ when Endpoint.IsUnix && !File.Exists(Endpoint.SocketPath) => $"socket {Endpoint.SocketPath} does not exist",
        SocketError.ConnectionRefused => Endpoint.IsUnix
            ? $"connection refused on {Endpoint.SocketPath} (no process is listening)"
            : $"connection refused on {Endpoint}",
        SocketError.AccessDenied => $"permission denied on {Endpoint}",
        _ => $"{socket.Message} ({Endpoint})",
    };
}
