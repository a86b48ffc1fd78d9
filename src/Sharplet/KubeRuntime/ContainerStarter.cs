using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.Events;
using Sharplet.Hooks;
using Sharplet.Images;
using Sharplet.KubeContainer;
using Sharplet.Volumes;

namespace Sharplet.KubeRuntime;

// Starts one container (upstream startContainer): image, config, CreateContainer, StartContainer, postStart.
// Each failure leaves the upstream waiting reason in the reason cache, where the status finds it.
internal sealed partial class ContainerStarter(
    IRuntimeService runtime,
    ImageManager images,
    ContainerConfigBuilder configs,
    HookRunner hooks,
    ContainerKiller killer,
    RestartBackoff backoff,
    ReasonCache reasons,
    IEventRecorder events,
    ContainerStartObservers observers,
    ILogger<ContainerStarter> logger)
{
    // Upstream waits for a postStart hook as long as it takes, holding the pod's sync; here a hook that has
    // not answered in 2 minutes fails, so a hung hook cannot wedge the pod's worker (it cannot be cancelled
    // by a deletion, as upstream's can).
    private static readonly TimeSpan PostStartTimeout = TimeSpan.FromMinutes(2);

    public async Task<bool> StartAsync(
        Pod pod,
        string sandboxId,
        PodSandboxConfig sandboxConfig,
        IReadOnlyList<string> podIps,
        IReadOnlyDictionary<string, MountedVolume> volumes,
        ContainerToStart start,
        ConcurrentQueue<string> touched,
        CancellationToken cancellationToken)
    {
        var uid = pod.Metadata!.Uid!;
        var spec = start.Spec;
        var field = $"spec.{(start.IsInit ? "initContainers" : "containers")}{{{spec.Name}}}";
        var type = start.IsInit ? ContainerStartObservers.InitContainer : ContainerStartObservers.Container;
        observers.Attempted(type);

        // Count the restart against CrashLoopBackOff whether or not this attempt gets far.
        if (start.Previous is { State: RuntimeContainerState.Exited })
        {
            backoff.RecordRestart(pod, spec);
        }

        var image = await images.EnsureImageAsync(pod, spec, sandboxConfig, cancellationToken).ConfigureAwait(false);
        if (!image.Ok)
        {
            reasons.Set(uid, spec.Name, image.Reason!, image.Message!);
            observers.Failed(type, image.Reason!);
            return false;
        }

        ContainerConfig config;
        try
        {
            config = await configs.BuildAsync(pod, spec, start.RestartCount, image.ImageRef!, podIps, volumes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ContainerConfigException or VolumeException or IOException)
        {
            return Fail(pod, spec, field, type, StartReasons.CreateContainerConfigError, ex.Message);
        }

        var adopted = await AdoptCreatedAsync(pod, spec, start.Previous, sandboxId, cancellationToken).ConfigureAwait(false);
        string id;
        if (adopted is not null)
        {
            id = adopted;
        }
        else
        {
            try
            {
                id = await runtime.CreateContainerAsync(sandboxId, config, sandboxConfig, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                return Fail(pod, spec, field, type, StartReasons.CreateContainerError, ex.Status.Detail);
            }

            events.Record(pod, EventTypes.Normal, EventReasons.Created, $"Created container: {spec.Name}", field);
        }

        // Created or adopted, its status changes with this pass whether or not the start below succeeds.
        touched.Enqueue(id);
        try
        {
            await runtime.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            return Fail(pod, spec, field, type, StartReasons.RunContainerError, ex.Status.Detail);
        }

        events.Record(pod, EventTypes.Normal, EventReasons.Started, $"Started container {spec.Name}", field);
        LogStarted(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, spec.Name, id, start.RestartCount);

        if (spec.Lifecycle?.PostStart is { } postStart)
        {
            var podIp = podIps.Count > 0 ? podIps[0] : string.Empty;
            var error = await hooks.RunAsync(pod, spec, id, postStart, podIp, PostStartTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (error is not null)
            {
                // The event leaves the hook's output out, as upstream does (it may hold secrets); the waiting
                // message of the container carries it.
                events.Record(pod, EventTypes.Warning, EventReasons.FailedPostStartHook, "PostStartHook failed", field);
                LogPostStartFailed(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, spec.Name, id, error);
                var running = new RuntimeContainer { Id = id, Name = spec.Name, SandboxId = sandboxId, State = RuntimeContainerState.Running };
                await killer.KillAsync(pod, running, spec, "FailedPostStartHook", KillReason.FailedPostStartHook, podIp, null, cancellationToken)
                    .ConfigureAwait(false);
                reasons.Set(uid, spec.Name, StartReasons.PostStartHookError, error);
                observers.Failed(type, StartReasons.PostStartHookError);
                return false;
            }
        }

        reasons.Clear(uid, spec.Name);
        return true;
    }

    // A container the runtime made but nobody started: a CreateContainer that timed out on our side while the
    // runtime finished it, or an agent killed between create and start. Creating another would leave this one
    // behind for good (the issue saw 987 containers for a pod's 501), so one of this sandbox and this spec is
    // started as it is; one of another sandbox or an older spec is removed before the new create. Returns the
    // id to start, or null to create.
    private async Task<string?> AdoptCreatedAsync(Pod pod, Api.Container spec, RuntimeContainer? previous, string sandboxId, CancellationToken cancellationToken)
    {
        if (previous is not { State: RuntimeContainerState.Created })
        {
            return null;
        }

        if (previous.SandboxId == sandboxId && previous.Hash == ContainerHash.Compute(spec))
        {
            LogAdopted(logger, pod.Metadata!.Namespace, pod.Metadata.Name, pod.Metadata.Uid, spec.Name, previous.Id);
            return previous.Id;
        }

        try
        {
            await runtime.RemoveContainerAsync(previous.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            // Gone already, or the runtime is failing: the create that follows reuses the attempt's name, so
            // the runtime refuses it while the old one exists, and the next sync tries again.
            LogRemoveStaleFailed(logger, pod.Metadata!.Namespace, pod.Metadata.Name, pod.Metadata.Uid, spec.Name, previous.Id, ex.Status.Detail);
        }

        return null;
    }

    private bool Fail(Pod pod, Api.Container spec, string field, string type, string reason, string message)
    {
        observers.Failed(type, reason);
        events.Record(pod, EventTypes.Warning, EventReasons.Failed, $"Error: {message}", field);
        reasons.Set(pod.Metadata!.Uid!, spec.Name, reason, message);
        LogStartFailed(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, spec.Name, reason, message);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} ({PodUid}): starting container {Container} ({ContainerId}) that the runtime created but never started, instead of creating another")]
    private static partial void LogAdopted(ILogger logger, string? @namespace, string? pod, string? podUid, string container, string containerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): removing container {Container} ({ContainerId}), created but never started, failed: {Detail}")]
    private static partial void LogRemoveStaleFailed(ILogger logger, string? @namespace, string? pod, string? podUid, string container, string containerId, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod} ({PodUid}): started container {Container} ({ContainerId}), restart {RestartCount}")]
    private static partial void LogStarted(ILogger logger, string? @namespace, string? pod, string? podUid, string container, string containerId, int restartCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): postStart hook of container {Container} ({ContainerId}) failed: {Error}")]
    private static partial void LogPostStartFailed(ILogger logger, string? @namespace, string? pod, string? podUid, string container, string containerId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}): container {Container} could not start: {Reason}: {Detail}")]
    private static partial void LogStartFailed(ILogger logger, string? @namespace, string? pod, string? podUid, string container, string reason, string detail);
}
