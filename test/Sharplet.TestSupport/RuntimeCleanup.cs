using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.TestSupport;

// What a test node or the bench leaves in the runtime, removed: every sandbox (and its containers) carrying
// the node label, and the pod cgroups the runtime made for them.
internal static class RuntimeCleanup
{
    // Stops and removes every sandbox carrying the node label: the runtime is left as it was found.
    public static async Task RemoveNodeAsync(IRuntimeService runtime, string nodeLabel)
    {
        var filter = new PodSandboxFilter();
        filter.LabelSelector.Add("sharplet.io/node-name", nodeLabel);
        var sandboxes = await runtime.ListPodSandboxAsync(filter, CancellationToken.None);
        await Parallel.ForEachAsync(sandboxes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (sandbox, ct) =>
        {
            foreach (var c in await runtime.ListContainersAsync(new ContainerFilter { PodSandboxId = sandbox.Id }, ct))
            {
                await Try(() => runtime.StopContainerAsync(c.Id, 0, ct));
                await Try(() => runtime.RemoveContainerAsync(c.Id, ct));
            }

            await Try(() => runtime.StopPodSandboxAsync(sandbox.Id, ct));
            await Try(() => runtime.RemovePodSandboxAsync(sandbox.Id, ct));
        });

        // The runtime made kubepods/<qos>/pod<uid> for each sandbox (its cgroup parent) and does not remove
        // it: the kubelet's pod container manager does. Nothing runs in them now, so they go, in every
        // hierarchy (cgroup v1 has one per controller), or the next agent on this node sees them as orphans.
        foreach (var uid in sandboxes.Select(s => s.Metadata?.Uid).OfType<string>().Where(u => u.Length > 0))
        {
            RemovePodCgroups(uid);
        }
    }

    private static void RemovePodCgroups(string uid)
    {
        var hierarchies = Directory.Exists("/sys/fs/cgroup/kubepods") ? ["/sys/fs/cgroup"] : Directory.GetDirectories("/sys/fs/cgroup");
        foreach (var hierarchy in hierarchies)
        {
            foreach (var qos in new[] { string.Empty, "besteffort", "burstable" })
            {
                var path = Path.Combine(hierarchy, "kubepods", qos, "pod" + uid);
                try
                {
                    // rmdir only: a cgroup with a process or a child left in it stays (EBUSY), as it must.
                    if (Directory.Exists(path))
                    {
                        Directory.Delete(path);
                    }
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static async Task Try(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException)
        {
        }
    }
}
