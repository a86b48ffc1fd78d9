using Sharplet.Api;
using Sharplet.Nodes;
using static Sharplet.Tests.Nodes.NodeTestData;

namespace Sharplet.Tests.Nodes;

public sealed class NodeObjectsTests
{
    private static readonly NodeDescription Node = Description();

    [Fact]
    public void Initial_CarriesLabelsAndTheWholeStatus()
    {
        var node = NodeObjects.Initial(Node, NodeObservation.Healthy, T0);

        (node.ApiVersion, node.Kind, node.Metadata!.Name).ShouldBe(("v1", "Node", "n1"));
        node.Metadata.Labels.ShouldBe(Node.Labels, ignoreOrder: true);
        node.Status!.Addresses!.Select(a => $"{a.Type}={a.Address}").ShouldBe(["InternalIP=10.0.0.5", "Hostname=n1"]);
        node.Status.Capacity!["pods"].ShouldBe(Quantity.Parse("110"));
        node.Status.Allocatable!["memory"].ShouldBe(Quantity.Parse("16674816Ki"));
        node.Status.NodeInfo!.MachineID.ShouldBe("machine-1");
        node.Status.Conditions!.Select(c => c.Type).ShouldBe(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]);
    }

    [Fact]
    public void Initial_WithRegisterTaints_CarriesThemInSpec()
    {
        var node = NodeObjects.Initial(Node, NodeObservation.Healthy, T0, [new Taint { Key = "dedicated", Value = "gpu", Effect = TaintEffect.NoSchedule }]);

        var taint = node.Spec!.Taints!.ShouldHaveSingleItem();
        (taint.Key, taint.Value, taint.Effect).ShouldBe(("dedicated", "gpu", "NoSchedule"));
    }

    [Fact]
    public void Initial_NoTaints_HasNoSpec()
    {
        NodeObjects.Initial(Node, NodeObservation.Healthy, T0, []).Spec.ShouldBeNull();
    }

    [Fact]
    public void Reconcile_SameNode_NothingToDo()
    {
        var existing = NodeObjects.Initial(Node, NodeObservation.Healthy, T0);

        NodeObjects.Reconcile(Node, existing).ShouldBeNull();
    }

    [Fact]
    public void Reconcile_RestoresDefaultLabelsAndOwnedStatus_LeavesOtherLabelsAndConditions()
    {
        var existing = NodeObjects.Initial(Node, NodeObservation.Healthy, T0);
        existing.Metadata!.Labels!["kubernetes.io/hostname"] = "tampered";
        existing.Metadata.Labels.Remove("kubernetes.io/arch");
        existing.Metadata.Labels.Remove("example.com/role");
        existing.Metadata.Labels["example.com/operator"] = "kept";
        existing.Status!.Capacity!["pods"] = Quantity.Parse("1");

        var patch = NodeObjects.Reconcile(Node, existing)!;

        patch["metadata"]!.ToJsonString().ShouldBe("""{"labels":{"kubernetes.io/hostname":"n1","kubernetes.io/arch":"amd64"}}""");
        patch["status"]!.ToJsonString().ShouldBe("""{"capacity":{"pods":"110"}}""");
    }
}
