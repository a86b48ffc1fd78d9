using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.KubeContainer;

// Reads the runtime's view of pods. One pod: its sandboxes and containers with full status (exit codes, IPs),
// a handful of sub-millisecond calls. All pods: two list calls, for relisting and housekeeping.
internal sealed class RuntimePodReader(IRuntimeService runtime, TimeProvider time)
{
    public async Task<RuntimePodStatus> ReadPodAsync(string uid, CancellationToken cancellationToken)
    {
        var observedAt = time.GetUtcNow();
        var sandboxFilter = new PodSandboxFilter();
        sandboxFilter.LabelSelector.Add(KubeLabels.PodUid, uid);
        var containerFilter = new ContainerFilter();
        containerFilter.LabelSelector.Add(KubeLabels.PodUid, uid);

        var sandboxesTask = runtime.ListPodSandboxAsync(sandboxFilter, cancellationToken);
        var containersTask = runtime.ListContainersAsync(containerFilter, cancellationToken);
        var listedSandboxes = await sandboxesTask.ConfigureAwait(false);
        var listedContainers = await containersTask.ConfigureAwait(false);

        // The newest sandbox's status and every container's status are asked for at once: one round trip to
        // the runtime after the lists, not two (this read follows every start, before Running is reported).
        var ordered = listedSandboxes.OrderByDescending(s => s.CreatedAt).ToList();
        var newestTask = ordered.Count > 0 ? TryAsync(() => runtime.PodSandboxStatusAsync(ordered[0].Id, false, cancellationToken)) : null;
        var statusTasks = listedContainers
            .Select(c => (Listed: c, Status: TryAsync(() => runtime.ContainerStatusAsync(c.Id, false, cancellationToken))))
            .ToList();

        var sandboxes = new List<RuntimeSandbox>(ordered.Count);
        foreach (var listed in ordered)
        {
            // Only the newest sandbox's network matters for the pod IP; older ones are dead leftovers.
            if (sandboxes.Count == 0)
            {
                var status = await newestTask!.ConfigureAwait(false);
                sandboxes.Add(status?.Status is { } s ? CriConvert.FromStatus(s) : CriConvert.FromListed(listed));
            }
            else
            {
                sandboxes.Add(CriConvert.FromListed(listed));
            }
        }

        var containers = new List<RuntimeContainer>(statusTasks.Count);
        foreach (var (listed, statusTask) in statusTasks)
        {
            var status = await statusTask.ConfigureAwait(false);
            containers.Add(status?.Status is { } s ? CriConvert.FromStatus(s, listed.PodSandboxId) : CriConvert.FromListed(listed));
        }

        containers.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
        return new RuntimePodStatus(uid, sandboxes, containers, observedAt);
    }

    // The read after a pass that only started things: the statuses of the sandbox it made and of the containers it
    // created or started, all at once, on top of the pass's own read before it (nothing else of the pod changed
    // through this worker). One round trip and no list calls before the Running report: under a burst each call
    // queues behind the other pods' work in the runtime, and the two lists were half of the report's lag. A
    // change the pass did not make (a container exiting meanwhile) comes with the next relist, as it would have
    // after any read.
    public async Task<RuntimePodStatus> ReadAfterStartAsync(RuntimePodStatus before, string sandboxId, bool sandboxCreated,
        IReadOnlyCollection<string> containerIds, CancellationToken cancellationToken)
    {
        var observedAt = time.GetUtcNow();
        var sandboxTask = sandboxCreated ? TryAsync(() => runtime.PodSandboxStatusAsync(sandboxId, false, cancellationToken)) : null;
        var statusTasks = containerIds.Select(id => TryAsync(() => runtime.ContainerStatusAsync(id, false, cancellationToken))).ToList();

        var sandboxes = new List<RuntimeSandbox>(before.Sandboxes.Count + 1);
        if (sandboxTask is not null && await sandboxTask.ConfigureAwait(false) is { Status: { } sandbox })
        {
            sandboxes.Add(CriConvert.FromStatus(sandbox));
        }

        sandboxes.AddRange(before.Sandboxes); // a sandbox this pass made is newer than all of them
        var containers = before.Containers.Where(c => !containerIds.Contains(c.Id)).ToList();
        foreach (var statusTask in statusTasks)
        {
            // Gone (removed between the start and this read): as a full read, it is simply not there.
            if (await statusTask.ConfigureAwait(false) is { Status: { } status })
            {
                containers.Add(CriConvert.FromStatus(status, sandboxId));
            }
        }

        containers.Sort((a, b) => b.CreatedAt.CompareTo(a.CreatedAt));
        return new RuntimePodStatus(before.Uid, sandboxes, containers, observedAt);
    }

    public async Task<RuntimeSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        var observedAt = time.GetUtcNow();
        var sandboxesTask = runtime.ListPodSandboxAsync(null, cancellationToken);
        var containersTask = runtime.ListContainersAsync(null, cancellationToken);
        var sandboxes = await sandboxesTask.ConfigureAwait(false);
        var containers = await containersTask.ConfigureAwait(false);
        return RuntimeSnapshot.From(sandboxes, containers, observedAt);
    }

    // A container removed between the list and its status call is simply gone: not an error of the pod.
    private static async Task<T?> TryAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }
}
