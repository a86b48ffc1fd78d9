using Grpc.Core;

namespace Sharplet.Grpc;

// Every failed call says where and what: the library's RpcException reads "Status(StatusCode=..., Detail=...)",
// which in a log line does not tell an operator which runtime or which RPC; this one reads
// "rpc runtime.v1.RuntimeService/StartContainer on unix:///run/containerd/containerd.sock failed: NotFound: ...",
// with the same StatusCode and Status (callers switch on those). A call the caller cancelled ends in its
// OperationCanceledException (a stopping pod worker is not a failing runtime); an expired deadline stays
// DEADLINE_EXCEEDED (the library's ThrowOperationCanceledOnCancellation would make both the same).
//
// A CallInvoker around the channel's, not a Grpc.Core Interceptor: the interceptor chain (InterceptingCallInvoker,
// its ClientInterceptorContext and continuation delegates) is generic virtual dispatch that NativeAOT does not
// pre-generate, so its type loader built ~30 instantiations at run time on each CRI method's first call, tens of
// milliseconds of CPU while the first pods start. This wrapper's overrides are instantiated with the generated
// clients' own request/response types, which the compiler sees.
internal sealed class CallNaming(CallInvoker inner, string endpoint) : CallInvoker
{
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        try
        {
            return inner.BlockingUnaryCall(method, host, options, request);
        }
        catch (RpcException ex)
        {
            throw Translate(ex, method.FullName, options.CancellationToken);
        }
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = inner.AsyncUnaryCall(method, host, options, request);
        return new AsyncUnaryCall<TResponse>(
            Named(call.ResponseAsync, method.FullName, options.CancellationToken),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        var call = inner.AsyncServerStreamingCall(method, host, options, request);
        return new AsyncServerStreamingCall<TResponse>(
            new NamedStreamReader<TResponse>(call.ResponseStream, this, method.FullName),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    // The CRI has no client or bidirectional streams; these pass through unnamed, as the interceptor did.
    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        inner.AsyncClientStreamingCall(method, host, options);

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        inner.AsyncDuplexStreamingCall(method, host, options);

    public Exception Translate(RpcException ex, string method, CancellationToken cancellationToken) =>
        ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested
            ? new OperationCanceledException($"rpc {method.TrimStart('/')} on {endpoint} was cancelled", ex, cancellationToken)
            : new RpcException(ex.Status, ex.Trailers, $"rpc {method.TrimStart('/')} on {endpoint} failed: {ex.StatusCode}: {ex.Status.Detail}");

    private async Task<TResponse> Named<TResponse>(Task<TResponse> response, string method, CancellationToken cancellationToken)
    {
        try
        {
            return await response.ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw Translate(ex, method, cancellationToken);
        }
    }
}
