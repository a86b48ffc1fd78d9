using Sharplet.Api;
using Sharplet.Nodes;

namespace Sharplet.Tests.Nodes;

// A node description as Sharplet would build it at start, without reading the machine.
internal static class NodeTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static NodeDescription Description(string name = "n1", params string[] ips) => new(
        name,
        new Dictionary<string, string>
        {
            ["kubernetes.io/hostname"] = name,
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["beta.kubernetes.io/os"] = "linux",
            ["beta.kubernetes.io/arch"] = "amd64",
            ["example.com/role"] = "worker",
        },
        ips.Length == 0 ? ["10.0.0.5"] : ips,
        Resources(cpu: "4", memory: "16777216Ki", storage: "104857600Ki", pods: "110"),
        Resources(cpu: "4", memory: "16674816Ki", storage: "94371840Ki", pods: "110"),
        new NodeFacts("host", ["10.0.0.5"], 4, 16L << 30, 100L << 30, "machine-1", "uuid-1", "boot-1", "6.1.0", "Debian GNU/Linux 12 (bookworm)", "amd64"),
        "containerd://1.7.24",
        10250);

    public static Dictionary<string, Quantity> Resources(string cpu, string memory, string storage, string pods) => new()
    {
        ["cpu"] = Quantity.Parse(cpu),
        ["memory"] = Quantity.Parse(memory),
        ["ephemeral-storage"] = Quantity.Parse(storage),
        ["pods"] = Quantity.Parse(pods),
    };

    public static NodeObservation NetworkNotReady { get; } = new(
        [],
        ["container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"],
        false,
        false,
        false);

    public static NodeCondition Condition(string type, List<NodeCondition> conditions) => conditions.Single(c => c.Type == type);
}
