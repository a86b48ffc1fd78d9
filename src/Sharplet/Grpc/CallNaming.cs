using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Sharplet.Grpc;

// Every failed call says where and what: the library's RpcException reads "Status(StatusCode=..., Detail=...)",
// which in a log line does not tell an operator which runtime or which RPC; this one reads
// "rpc runtime.v1.RuntimeService/StartContainer on unix:///run/containerd/containerd.sock failed: NotFound: ...",
// with the same StatusCode and Status (callers switch on those). A call the caller cancelled ends in its
// OperationCanceledException (a stopping pod worker is not a failing runtime); an expired deadline stays
// DEADLINE_EXCEEDED (the library's ThrowOperationCanceledOnCancellation would make both the same).
internal sealed class CallNaming(string endpoint) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(
            Named(call.ResponseAsync, context.Method.FullName, context.Options.CancellationToken),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, context);
        return new AsyncServerStreamingCall<TResponse>(
            new NamedStreamReader<TResponse>(call.ResponseStream, this, context.Method.FullName),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    public Exception Translate(RpcException ex, string method, CancellationToken cancellationToken) =>
        ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested
            ? new OperationCanceledException($"rpc {method.TrimStart('/')} on {endpoint} was cancelled", ex, cancellationToken)
            : new RpcException(ex.Status, ex.Trailers, $"rpc {method.TrimStart('/')} on {endpoint} failed: {ex.StatusCode}: {ex.Status.Detail}");

    internal async Task<TResponse> Named<TResponse>(Task<TResponse> response, string method, CancellationToken cancellationToken)
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
