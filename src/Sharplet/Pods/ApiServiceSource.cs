using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.KubeContainer;

namespace Sharplet.Pods;

// Every Service of the cluster from a list-and-watch, as upstream's kubelet keeps its service lister (the Node
// authorizer lets a node list and watch Services). Container starts read the informer's store: no API call
// per pod. The watch reconnects and relists on its own (KubeInformer); the store keeps the last known set
// meanwhile, as a lister does.
internal sealed class ApiServiceSource(
    KubeApiClient client, ServiceSourceOptions options, TimeProvider time, ILogger<ApiServiceSource> logger) : BackgroundService, IServiceSource
{
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InformerStore<Service>? store;

    public Task Synced => synced.Task;

    public async Task<IReadOnlyList<Service>?> ListAsync(bool waitForSync, CancellationToken cancellationToken)
    {
        if (waitForSync && !synced.Task.IsCompleted)
        {
            try
            {
                await synced.Task.WaitAsync(options.SyncWait, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Upstream's words for the same refusal.
                throw new ContainerConfigException("services have not yet been read at least once, cannot construct envvars");
            }
        }

        return Volatile.Read(ref store)?.List() ?? [];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informer = new KubeInformer<Service, ServiceList>(client, KubeLists.Services, new InformerOptions(), time, logger);
        Volatile.Write(ref store, informer.Store);
        var run = informer.RunAsync(stoppingToken);
        try
        {
            // Only the store is read; the events are drained so the informer's unbounded channel stays empty.
            while (await informer.Events.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (informer.Events.TryRead(out var e))
                {
                    if (e.Type == InformerEventType.Synced)
                    {
                        synced.TrySetResult();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
