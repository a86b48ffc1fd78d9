namespace Sharplet.KubeClient;

// A per-call deadline on the injected clock for the API ports (node status, lease, pods). Upstream gives its
// heartbeat client a timeout of min(nodeStatusUpdateFrequency, lease duration), so a hung API server costs one
// period, not the client's general request timeout.
internal static class ApiDeadline
{
    public static async Task<T> RunAsync<T>(TimeSpan timeout, TimeProvider time, string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{what}: no answer from the API server within {timeout.TotalSeconds:0.###}s", ex);
        }
    }
}
