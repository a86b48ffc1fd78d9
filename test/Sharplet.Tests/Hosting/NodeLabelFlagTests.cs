using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Tests.Hosting;

// --node-labels as upstream's ValidateKubeletFlags checks it: well-formed keys and values, and only the
// kubernetes.io labels a kubelet may set on its own Node.
public sealed class NodeLabelFlagTests
{
    private static Dictionary<string, string> Labels(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void OwnAndAllowedKubernetesLabels_Pass()
    {
        var labels = Labels(("example.com/role", "edge"), ("node.kubernetes.io/pool", "a"), ("x.kubelet.kubernetes.io/y", ""),
            ("topology.kubernetes.io/zone", "z1"), ("node.kubernetes.io/instance-type", "big"), ("plain", "v"));

        NodeLabelFlag.Validate(labels).ShouldBeSameAs(labels);
    }

    [Theory]
    [InlineData("node-role.kubernetes.io/worker")]
    [InlineData("kubernetes.io/role")]
    [InlineData("example.k8s.io/x")]
    [InlineData("node-restriction.kubernetes.io/trusted")]
    public void OtherKubernetesLabels_AreRefusedWithTheAllowedSetNamed(string key)
    {
        var ex = Should.Throw<ConfigException>(() => NodeLabelFlag.Validate(Labels((key, ""))));

        ex.Message.ShouldStartWith($"--node-labels: unknown 'kubernetes.io' or 'k8s.io' labels: {key}; labels in the 'kubernetes.io' namespace must begin with an allowed prefix (kubelet.kubernetes.io, node.kubernetes.io)");
        ex.Message.ShouldContain("kubernetes.io/hostname");
    }

    [Fact]
    public void BadKey_IsRefusedNamingIt()
    {
        var ex = Should.Throw<ConfigException>(() => NodeLabelFlag.Validate(Labels(("bad key", "v"))));

        ex.Message.ShouldStartWith("--node-labels: invalid label key \"bad key\": name part must consist of alphanumeric characters");
    }

    [Fact]
    public void BadValue_IsRefusedNamingItAndTheKey()
    {
        var ex = Should.Throw<ConfigException>(() => NodeLabelFlag.Validate(Labels(("role", "-edge"))));

        ex.Message.ShouldStartWith("--node-labels: invalid value \"-edge\" of label role: a valid label must be");
    }
}
