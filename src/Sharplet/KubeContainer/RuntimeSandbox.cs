namespace Sharplet.KubeContainer;

internal sealed record RuntimeSandbox
{
    public required string Id { get; init; }

    public required bool Ready { get; init; }

    public uint Attempt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? Ip { get; init; }

    public IReadOnlyList<string> Ips { get; init; } = [];

    // Host network sandboxes have no IP of their own; the pod reports the node's.
    public bool HostNetwork { get; init; }
}
