using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Bench;

internal static class Cleanup
{
    // Stops and removes every sandbox carrying the node label: the bench leaves the runtime as it found it.
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
