using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sharplet.Cri;
using Sharplet.KubeContainer;
using Sharplet.Pods;

namespace Sharplet.KubeRuntime;

// Removes what the planner picks from this node's pods (the runtime may be shared with other kubelets: pods
// labelled for another node are never touched), each container with its log files.
internal sealed partial class ContainerGc(
    RuntimePodReader reader, PodExecutor executor, IRuntimeService runtime, SandboxConfigBuilder sandboxes, ContainerGcPolicy policy,
    NodeContext node, TimeProvider time, ILogger<ContainerGc> logger)
{
    public async Task CollectAsync(Func<string, bool> podContentRemovable, CancellationToken cancellationToken)
    {
        var snapshot = await reader.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var mine = snapshot.Pods.Values.Where(p => p.NodeName is null || p.NodeName == node.NodeName);
        var plan = ContainerGcPlanner.Plan(mine, policy, podContentRemovable, time.GetUtcNow());
        foreach (var (pod, container) in plan.Containers)
        {
            LogRemovingContainer(logger, pod.Namespace, pod.Name, pod.Uid, container.Name, container.Id);
            var logPath = pod.Namespace.Length > 0 && pod.Name.Length > 0
                ? Path.Combine(sandboxes.LogDirectory(pod.Namespace, pod.Name, pod.Uid), container.Name, $"{container.RestartCount}.log")
                : null;
            await executor.RemoveContainerAsync(container, cancellationToken, logPath).ConfigureAwait(false);
        }

        foreach (var sandbox in plan.Sandboxes)
        {
            LogRemovingSandbox(logger, sandbox.Id);
            try
            {
                await runtime.RemovePodSandboxAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                // Gone already.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod} ({PodUid}): container GC removes container {Container} ({Id})")]
    private static partial void LogRemovingContainer(ILogger logger, string @namespace, string pod, string podUid, string container, string id);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Container GC: removing pod sandbox {Id}")]
    private static partial void LogRemovingSandbox(ILogger logger, string id);
}
