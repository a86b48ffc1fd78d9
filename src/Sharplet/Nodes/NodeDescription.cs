using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Pods;

namespace Sharplet.Nodes;

// Everything Sharplet says about its node that does not change while it runs: name, labels, addresses,
// capacity, allocatable, nodeInfo and the kubelet port. Built once at start; the API objects it hands out are
// fresh copies, so callers may change them.
internal sealed record NodeDescription(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> InternalIps,
    IReadOnlyDictionary<string, Quantity> Capacity,
    IReadOnlyDictionary<string, Quantity> Allocatable,
    NodeFacts Facts,
    string ContainerRuntimeVersion,
    int KubeletPort)
{
    // Upstream's kubelet.hostname is the (lower-cased) --hostname-override or the OS hostname, which is also the
    // node name when there is no cloud provider; NodeIdentity derives the name the same way.
    public string Hostname => Name;

    public static NodeDescription From(int maxPods, int kubeletPort, NodeContext node, NodeFacts facts, RuntimeIdentity runtime) => new(
        node.NodeName,
        node.Labels,
        node.HostIps,
        NodeResources.Capacity(facts, maxPods),
        node.Allocatable,
        facts,
        $"{runtime.Name}://{runtime.Version}",
        kubeletPort);

    // Upstream's NodeAddress setter without a cloud provider: the node IP(s) as InternalIP, then the hostname.
    public List<NodeAddress> NewAddresses()
    {
        var addresses = InternalIps.Select(ip => new NodeAddress { Type = NodeAddressType.InternalIP, Address = ip }).ToList();
        addresses.Add(new NodeAddress { Type = NodeAddressType.Hostname, Address = Hostname });
        return addresses;
    }

    public NodeSystemInfo NewNodeInfo() => new()
    {
        MachineID = Facts.MachineId,
        SystemUUID = Facts.SystemUuid,
        BootID = Facts.BootId,
        KernelVersion = Facts.KernelVersion,
        OsImage = Facts.OsImage,
        ContainerRuntimeVersion = ContainerRuntimeVersion,
        KubeletVersion = KubeletVersion.Value,
        OperatingSystem = "linux",
        Architecture = Facts.Architecture,
    };

    public NodeDaemonEndpoints NewDaemonEndpoints() => new() { KubeletEndpoint = new DaemonEndpoint { Port = KubeletPort } };
}
