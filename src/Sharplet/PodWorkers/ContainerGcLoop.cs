using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Config;
using Sharplet.KubeRuntime;

namespace Sharplet.PodWorkers;

// Upstream's container GC every ContainerGCPeriod (1 min), and on demand for the eviction manager. A pod's
// content may go when the kubelet evicted it or, once every source has reported, when no worker owns it; with
// evictNonDeletedPods (eviction's DeleteAllUnusedContainers) also when its worker has stopped it.
internal sealed partial class ContainerGcLoop(ContainerGc gc, PodConfig config, PodWorkerPool workers, TimeProvider time, ILogger<ContainerGcLoop> logger)
    : BackgroundService
{
    public Task CollectAsync(bool evictNonDeletedPods, CancellationToken cancellationToken) =>
        gc.CollectAsync(uid => Removable(uid, evictNonDeletedPods), cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ContainerGcPolicy.Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await CollectAsync(evictNonDeletedPods: false, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex.Message);
            }
        }
    }

    private bool Removable(string uid, bool evictNonDeletedPods) => workers.Get(uid) is { } worker
        ? worker.Killed || (evictNonDeletedPods && worker.State == Pods.PodWorkerState.Terminated)
        : config.AllSourcesReady;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container garbage collection failed (next period retries): {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
