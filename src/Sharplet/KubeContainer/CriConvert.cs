using Sharplet.Cri.V1;

namespace Sharplet.KubeContainer;

// From CRI messages to the kubelet's records. Timestamps in the CRI are nanoseconds since the epoch, 0 for unset.
internal static class CriConvert
{
    public static DateTimeOffset? FromNanos(long nanos) =>
        nanos <= 0 ? null : DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);

    public static RuntimeContainerState State(ContainerState state) => state switch
    {
        ContainerState.ContainerCreated => RuntimeContainerState.Created,
        ContainerState.ContainerRunning => RuntimeContainerState.Running,
        ContainerState.ContainerExited => RuntimeContainerState.Exited,
        _ => RuntimeContainerState.Unknown,
    };

    public static RuntimeContainer FromStatus(ContainerStatus status, string sandboxId)
    {
        var annotations = status.Annotations;
        return new RuntimeContainer
        {
            Id = status.Id,
            Name = status.Metadata?.Name ?? KubeLabels.Get(status.Labels, KubeLabels.ContainerName) ?? string.Empty,
            SandboxId = sandboxId,
            State = State(status.State),
            CreatedAt = FromNanos(status.CreatedAt) ?? DateTimeOffset.UnixEpoch,
            StartedAt = FromNanos(status.StartedAt),
            FinishedAt = FromNanos(status.FinishedAt),
            ExitCode = status.ExitCode,
            Image = status.Image?.Image ?? string.Empty,
            ImageRef = status.ImageRef,
            ImageId = status.ImageId,
            Reason = status.Reason,
            Message = status.Message,
            Hash = KubeLabels.Get(annotations, KubeLabels.ContainerHash) ?? string.Empty,
            RestartCount = KubeLabels.GetInt(annotations, KubeLabels.ContainerRestartCount),
            LogPath = status.LogPath,
            TerminationMessagePath = KubeLabels.Get(annotations, KubeLabels.TerminationMessagePath) ?? string.Empty,
            TerminationMessagePolicy = KubeLabels.Get(annotations, KubeLabels.TerminationMessagePolicy) ?? string.Empty,
            TerminationGracePeriodSeconds = GracePeriod(annotations),
        };
    }

    // A list entry has no exit code or finish time; it is enough for relisting and for adoption decisions.
    public static RuntimeContainer FromListed(Container container) => new()
    {
        Id = container.Id,
        Name = container.Metadata?.Name ?? KubeLabels.Get(container.Labels, KubeLabels.ContainerName) ?? string.Empty,
        SandboxId = container.PodSandboxId,
        State = State(container.State),
        CreatedAt = FromNanos(container.CreatedAt) ?? DateTimeOffset.UnixEpoch,
        Image = container.Image?.Image ?? string.Empty,
        ImageRef = container.ImageRef,
        ImageId = container.ImageId,
        Hash = KubeLabels.Get(container.Annotations, KubeLabels.ContainerHash) ?? string.Empty,
        RestartCount = KubeLabels.GetInt(container.Annotations, KubeLabels.ContainerRestartCount),
        TerminationGracePeriodSeconds = GracePeriod(container.Annotations),
    };

    private static long? GracePeriod(IReadOnlyDictionary<string, string> annotations) =>
        long.TryParse(KubeLabels.Get(annotations, KubeLabels.PodTerminationGracePeriod), System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    public static RuntimeSandbox FromStatus(PodSandboxStatus status)
    {
        var ips = new List<string>();
        if (!string.IsNullOrEmpty(status.Network?.Ip))
        {
            ips.Add(status.Network.Ip);
        }

        if (status.Network is not null)
        {
            ips.AddRange(status.Network.AdditionalIps.Select(a => a.Ip).Where(ip => !string.IsNullOrEmpty(ip)));
        }

        return new RuntimeSandbox
        {
            Id = status.Id,
            Ready = status.State == PodSandboxState.SandboxReady,
            Attempt = status.Metadata?.Attempt ?? 0,
            CreatedAt = FromNanos(status.CreatedAt) ?? DateTimeOffset.UnixEpoch,
            Ip = ips.FirstOrDefault(),
            Ips = ips,
            HostNetwork = status.Linux?.Namespaces?.Options?.Network == NamespaceMode.Node,
        };
    }

    public static RuntimeSandbox FromListed(PodSandbox sandbox) => new()
    {
        Id = sandbox.Id,
        Ready = sandbox.State == PodSandboxState.SandboxReady,
        Attempt = sandbox.Metadata?.Attempt ?? 0,
        CreatedAt = FromNanos(sandbox.CreatedAt) ?? DateTimeOffset.UnixEpoch,
    };
}
