using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.Events;
using Sharplet.Grpc;
using Sharplet.Images;
using Sharplet.Hooks;
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
    ILogger<ContainerStarter> logger)
{
    public async Task<bool> StartAsync(
        Pod pod,
        string sandboxId,
        PodSandboxConfig sandboxConfig,
        IReadOnlyList<string> podIps,
        IReadOnlyDictionary<string, MountedVolume> volumes,
        ContainerToStart start,
        CancellationToken cancellationToken)
    {
        var uid = pod.Metadata!.Uid!;
        var spec = start.Spec;
        var field = $"spec.{(start.IsInit ? "initContainers" : "containers")}{{{spec.Name}}}";

        // Count the restart against CrashLoopBackOff whether or not this attempt gets far.
        if (start.Previous is { State: RuntimeContainerState.Exited })
        {
            backoff.RecordRestart(pod, spec);
        }

        var image = await images.EnsureImageAsync(pod, spec, sandboxConfig, cancellationToken).ConfigureAwait(false);
        if (!image.Ok)
        {
            reasons.Set(uid, spec.Name, image.Reason!, image.Message!);
            return false;
        }

        ContainerConfig config;
        try
        {
            config = await configs.BuildAsync(pod, spec, start.RestartCount, image.ImageRef!, podIps, volumes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ContainerConfigException or VolumeException or IOException)
        {
            return Fail(pod, spec, field, StartReasons.CreateContainerConfigError, ex.Message);
        }

        string id;
        try
        {
            id = await runtime.CreateContainerAsync(sandboxId, config, sandboxConfig, cancellationToken).ConfigureAwait(false);
        }
        catch (GrpcException ex)
        {
            return Fail(pod, spec, field, StartReasons.CreateContainerError, ex.Detail);
        }

        events.Record(pod, EventTypes.Normal, EventReasons.Created, $"Created container: {spec.Name}", field);
        try
        {
            await runtime.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (GrpcException ex)
        {
            return Fail(pod, spec, field, StartReasons.RunContainerError, ex.Detail);
        }

        events.Record(pod, EventTypes.Normal, EventReasons.Started, $"Started container {spec.Name}", field);
        LogStarted(logger, pod.Metadata.Namespace, pod.Metadata.Name, spec.Name, id, start.RestartCount);

        if (spec.Lifecycle?.PostStart is { } postStart)
        {
            var podIp = podIps.Count > 0 ? podIps[0] : string.Empty;
            var error = await hooks.RunAsync(spec, id, postStart, podIp, TimeSpan.FromMinutes(2), cancellationToken)
                .ConfigureAwait(false);
            if (error is not null)
            {
                events.Record(pod, EventTypes.Warning, EventReasons.FailedPostStartHook, $"PostStartHook failed: {error}", field);
                var running = new RuntimeContainer { Id = id, Name = spec.Name, SandboxId = sandboxId, State = RuntimeContainerState.Running };
                await killer.KillAsync(pod, running, spec, "FailedPostStartHook", podIp, null, cancellationToken)
                    .ConfigureAwait(false);
                reasons.Set(uid, spec.Name, StartReasons.PostStartHookError, error);
                return false;
            }
        }

        reasons.Clear(uid, spec.Name);
        return true;
    }

    private bool Fail(Pod pod, Api.Container spec, string field, string reason, string message)
    {
        events.Record(pod, EventTypes.Warning, EventReasons.Failed, $"Error: {message}", field);
        reasons.Set(pod.Metadata!.Uid!, spec.Name, reason, message);
        LogStartFailed(logger, pod.Metadata.Namespace, pod.Metadata.Name, spec.Name, reason, message);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "pod {Namespace}/{Pod}: started container {Container} ({ContainerId}), restart {RestartCount}")]
    private static partial void LogStarted(ILogger logger, string? @namespace, string? pod, string container, string containerId, int restartCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod}: container {Container} could not start: {Reason}: {Detail}")]
    private static partial void LogStartFailed(ILogger logger, string? @namespace, string? pod, string container, string reason, string detail);
}
