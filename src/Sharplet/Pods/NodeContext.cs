using Sharplet.Api;

namespace Sharplet.Pods;

// What a pod may learn about the node it runs on (downward API fields, resource defaults).
internal sealed record NodeContext(
    string NodeName,
    IReadOnlyList<string> HostIps,
    IReadOnlyDictionary<string, Quantity> Allocatable,
    long MemoryCapacityBytes,
    IReadOnlyDictionary<string, string> Labels)
{
    public string HostIp => HostIps.Count > 0 ? HostIps[0] : string.Empty;
}
