using Grpc.Core;

namespace Sharplet.Grpc;

// A server stream whose failures read as CallNaming's do.
internal sealed class NamedStreamReader<T>(IAsyncStreamReader<T> inner, CallNaming naming, string method) : IAsyncStreamReader<T>
{
    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        try
        {
            return await inner.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw naming.Translate(ex, method, cancellationToken);
        }
    }
}
