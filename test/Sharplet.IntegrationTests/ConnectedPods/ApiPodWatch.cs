using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.ConnectedPods;

// What the API shows of the pods in one namespace, seen as an operator would (the admin's watch). Every
// change is kept with the moment it arrived, so tests await states instead of polling and can measure when
// a status reached the API.
internal sealed class ApiPodWatch : IAsyncDisposable
{
    private readonly KubeInformer<Pod, PodList> informer;
    private readonly CancellationTokenSource stop = new();
    private readonly Task run;
    private readonly Task pump;
    private readonly ConcurrentQueue<(DateTimeOffset At, InformerEventType Type, Pod Pod)> history = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ApiPodWatch(KubeApiClient admin, string ns)
    {
        informer = new KubeInformer<Pod, PodList>(admin, KubeLists.Pods, new InformerOptions { Namespace = ns }, TimeProvider.System, NullLogger.Instance);
        run = informer.RunAsync(stop.Token);
        pump = Task.Run(PumpAsync);
    }

    public IReadOnlyList<(DateTimeOffset At, InformerEventType Type, Pod Pod)> History => [.. history];

    public Pod? Get(string ns, string name) => informer.Store.Get(ns, name);

    // Waits until the API's copy of the pod satisfies the condition (null: the pod does not exist). Returns
    // the moment the matching state arrived and the pod as it was then.
    public async Task<(DateTimeOffset At, Pod? Pod)> WaitForAsync(string ns, string name, string what, Func<Pod?, bool> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var cts = new CancellationTokenSource(limit);
        await informer.Synced.WaitAsync(cts.Token);
        while (true)
        {
            var next = Volatile.Read(ref changed).Task;
            var pod = informer.Store.Get(ns, name);
            if (condition(pod))
            {
                return (DateTimeOffset.UtcNow, pod);
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                var last = informer.Store.Get(ns, name);
                throw new TimeoutException(
                    $"API pod {ns}/{name} did not reach \"{what}\" within {limit.TotalSeconds}s; last API state: " +
                    (last is null ? "(no such pod)" : KubeJson.Serialize(last.Status ?? new PodStatus())));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private async Task PumpAsync()
    {
        await foreach (var e in informer.Events.ReadAllAsync())
        {
            if (e.Object is { } pod)
            {
                history.Enqueue((DateTimeOffset.UtcNow, e.Type, pod));
            }

            Interlocked.Exchange(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }
}
