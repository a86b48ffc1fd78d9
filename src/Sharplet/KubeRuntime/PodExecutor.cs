using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Cri;
using Sharplet.Events;
using Sharplet.KubeContainer;
using Sharplet.Pods;
using Sharplet.Volumes;

namespace Sharplet.KubeRuntime;

// Carries out a pod's actions through the CRI (upstream kubeGenericRuntimeManager.SyncPod and KillPod).
// Decisions are made before it is called; here only order and error handling live.
internal sealed partial class PodExecutor(
    IRuntimeService runtime,
    SandboxConfigBuilder sandboxes,
    ContainerStarter starter,
    ContainerKiller killer,
    IEventRecorder events,
    RuntimeSettings settings,
    NodeContext node,
    ILogger<PodExecutor> logger)
{
    // Upstream starts a pod's containers one after the other; four at once keeps multi-container pods quick.
    internal const int MaxConcurrentStartsPerPod = 4;

    public async Task<PodExecution> ExecuteAsync(
        Pod pod, RuntimePodStatus status, PodActions actions, IReadOnlyDictionary<string, MountedVolume> volumes, CancellationToken cancellationToken)
    {
        if (actions.NothingToDo)
        {
            return PodExecution.Nothing;
        }

        if (actions.KillPod)
        {
            if (actions.CreateSandbox && status.Sandboxes.Count > 0)
            {
                events.Record(pod, EventTypes.Normal, EventReasons.SandboxChanged, "Pod sandbox changed, it will be killed and re-created.");
            }

            await KillPodAsync(pod, status, null, cancellationToken).ConfigureAwait(false);
            if (!actions.CreateSandbox)
            {
                return new PodExecution(true, null);
            }
        }
        else
        {
            var podIp = PodIps(pod, status.LatestSandbox) is { Count: > 0 } ips ? ips[0] : string.Empty;
            await Task.WhenAll(actions.ContainersToKill.Select(k =>
                killer.KillAsync(pod, k.Container, k.Spec, k.Message, k.Reason, podIp, null, cancellationToken))).ConfigureAwait(false);
        }

        string sandboxId;
        IReadOnlyList<string> podIps;
        var sandboxConfig = sandboxes.Build(pod, actions.Attempt);
        if (actions.CreateSandbox)
        {
            Directory.CreateDirectory(sandboxConfig.LogDirectory);
            try
            {
                sandboxId = await runtime.RunPodSandboxAsync(sandboxConfig, settings.RuntimeHandler, cancellationToken).ConfigureAwait(false);
                var sandboxStatus = await runtime.PodSandboxStatusAsync(sandboxId, false, cancellationToken).ConfigureAwait(false);
                podIps = PodIps(pod, CriConvert.FromStatus(sandboxStatus.Status));
            }
            catch (RpcException ex)
            {
                var message = $"Failed to create pod sandbox: {ex.Status.Detail}";
                events.Record(pod, EventTypes.Warning, EventReasons.FailedCreatePodSandBox, message);
                LogSandboxFailed(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata!.Uid, ex.Status.Detail);
                return new PodExecution(true, message);
            }
        }
        else
        {
            sandboxId = actions.SandboxId!;
            podIps = PodIps(pod, status.LatestSandbox);
        }

        // Init containers in their order, one after the other; regular containers all at once.
        var touched = new ConcurrentQueue<string>();
        foreach (var start in actions.ContainersToStart.Where(s => s.IsInit))
        {
            if (!await starter.StartAsync(pod, sandboxId, sandboxConfig, podIps, volumes, start, touched, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        // A few at a time: one pod with a hundred containers must not put a hundred concurrent creates on the
        // runtime (each then runs into its deadline, and every other pod's calls wait behind them).
        await Parallel.ForEachAsync(
            actions.ContainersToStart.Where(s => !s.IsInit),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentStartsPerPod, CancellationToken = cancellationToken },
            async (start, token) => await starter.StartAsync(pod, sandboxId, sandboxConfig, podIps, volumes, start, touched, token).ConfigureAwait(false))
            .ConfigureAwait(false);

        // A pass that killed nothing changed only what it made or started: the report reads just those.
        var killed = actions.KillPod || actions.ContainersToKill.Count > 0;
        return new PodExecution(true, null, killed ? null : new PodStartTouched(sandboxId, actions.CreateSandbox, [.. touched]));
    }

    // Stops every running container (regular ones first, then sidecars, as upstream terminates them) and
    // every sandbox of the pod. Without a spec (an orphan) the grace period comes from the containers' labels.
    public async Task KillPodAsync(Pod? pod, RuntimePodStatus status, long? gracePeriodOverride, CancellationToken cancellationToken)
    {
        var podIp = pod is null ? string.Empty : PodIps(pod, status.LatestSandbox) is { Count: > 0 } ips ? ips[0] : string.Empty;
        var running = status.Containers.Where(c => c.State is RuntimeContainerState.Running or RuntimeContainerState.Unknown).ToList();
        var sidecars = new HashSet<string>(
            (pod?.Spec?.InitContainers ?? []).Where(c => c.RestartPolicy == ContainerRestartPolicy.Always).Select(c => c.Name), StringComparer.Ordinal);
        foreach (var wave in new[] { running.Where(c => !sidecars.Contains(c.Name)), running.Where(c => sidecars.Contains(c.Name)) })
        {
            await Task.WhenAll(wave.Select(c => killer.KillAsync(pod, c, FindSpec(pod, c.Name), string.Empty, KillReason.Other, podIp, gracePeriodOverride, cancellationToken)))
                .ConfigureAwait(false);
        }

        foreach (var sandbox in status.Sandboxes)
        {
            try
            {
                await runtime.StopPodSandboxAsync(sandbox.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                // Gone already.
            }
        }
    }

    // Removes what is left of a pod in the runtime: its containers (with their log files) and sandboxes.
    public async Task RemovePodAsync(RuntimePodStatus status, CancellationToken cancellationToken)
    {
        foreach (var container in status.Containers)
        {
            await RemoveContainerAsync(container, cancellationToken).ConfigureAwait(false);
        }

        foreach (var sandbox in status.Sandboxes)
        {
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

    public async Task RemoveContainerAsync(RuntimeContainer container, CancellationToken cancellationToken, string? logPath = null)
    {
        try
        {
            await runtime.RemoveContainerAsync(container.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            // Gone already.
        }

        // The runtime leaves the log file; the kubelet owns it and its rotations.
        var path = string.IsNullOrEmpty(container.LogPath) ? logPath : container.LogPath;
        if (!string.IsNullOrEmpty(path))
        {
            Logs.RotatedLogs.RemoveAll(path);
        }
    }

    internal IReadOnlyList<string> PodIps(Pod pod, RuntimeSandbox? sandbox) =>
        pod.Spec?.HostNetwork == true ? node.HostIps : sandbox?.Ips ?? [];

    private static Api.Container? FindSpec(Pod? pod, string name) =>
        (pod?.Spec?.Containers ?? []).Concat(pod?.Spec?.InitContainers ?? []).FirstOrDefault(c => c.Name == name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): sandbox creation failed: {Error}")]
    private static partial void LogSandboxFailed(ILogger logger, string? @namespace, string? pod, string? podUid, string error);
}
