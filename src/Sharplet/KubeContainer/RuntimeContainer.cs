namespace Sharplet.KubeContainer;

// What the runtime knows about one container of a pod, in the kubelet's terms (upstream kubecontainer.Status).
internal sealed record RuntimeContainer
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string SandboxId { get; init; }

    public required RuntimeContainerState State { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public int ExitCode { get; init; }

    public string Image { get; init; } = string.Empty;

    public string ImageRef { get; init; } = string.Empty;

    public string ImageId { get; init; } = string.Empty;

    public string Reason { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public string Hash { get; init; } = string.Empty;

    public int RestartCount { get; init; }

    public string LogPath { get; init; } = string.Empty;

    public string TerminationMessagePath { get; init; } = string.Empty;

    public string TerminationMessagePolicy { get; init; } = string.Empty;

    // The pod's grace period when this container was created (annotation), for killing it without a spec.
    public long? TerminationGracePeriodSeconds { get; init; }

    // The container ID as the API shows it: "containerd://<id>".
    public string QualifiedId(string runtimeName) => $"{runtimeName}://{Id}";
}
