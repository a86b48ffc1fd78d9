using System.Diagnostics;

namespace Sharplet.Server.Metrics;

// Upstream's recordOperation/recordError (pkg/kubelet/metrics/cri): one CRI call counted and timed under its
// operation_type, and counted apart when it fails.
internal static class RuntimeOperationTimer
{
    public static async Task<T> Measure<T>(this KubeletMetrics metrics, string operation, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.RuntimeOperations.Add(1, operation);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.RuntimeOperationErrors.Add(1, operation);
            throw;
        }
        finally
        {
            metrics.RuntimeOperationDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds, operation);
        }
    }

    public static Task<bool> Measure(this KubeletMetrics metrics, string operation, Func<Task> call) => metrics.Measure<bool>(operation, async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });
}
