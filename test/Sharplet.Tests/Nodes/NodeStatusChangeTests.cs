using Sharplet.Api;
using Sharplet.Nodes;
using static Sharplet.Tests.Nodes.NodeTestData;

namespace Sharplet.Tests.Nodes;

// What counts as a change of the node status, and when a patch is sent at all.
public sealed class NodeStatusChangeTests
{
    private static readonly NodeDescription Node = Description();

    [Fact]
    public void OnlyHeartbeatsMoved_IsNoChange()
    {
        var first = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);

        var second = NodeStatusComputer.Compute(first, Node, NodeObservation.Healthy, T0.AddSeconds(10));

        NodeStatusComparer.HasChanged(first, second).ShouldBeFalse();
    }

    [Fact]
    public void QuantitiesTheServerCanonicalized_AreNoChange()
    {
        // The server stores 16777216Ki as 16Gi; Sharplet computes the former every time.
        var first = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);
        var stored = NodeStatusComputer.Copy(first);
        stored.Capacity!["memory"] = Quantity.Parse("16Gi");
        stored.Capacity["ephemeral-storage"] = Quantity.Parse("100Gi");

        var second = NodeStatusComputer.Compute(stored, Node, NodeObservation.Healthy, T0.AddSeconds(10));

        NodeStatusComparer.HasChanged(stored, second).ShouldBeFalse();
    }

    [Fact]
    public void TimesTruncatedToSecondsByTheServer_AreNoChange()
    {
        var first = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0.AddMilliseconds(700));
        var stored = NodeStatusComputer.Copy(first);
        stored.Conditions!.ForEach(c => c.LastTransitionTime = T0);

        var second = NodeStatusComputer.Compute(stored, Node, NodeObservation.Healthy, T0.AddSeconds(10));

        NodeStatusComparer.HasChanged(stored, second).ShouldBeFalse();
    }

    [Fact]
    public void ConditionFlip_IsAChange()
    {
        var first = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);

        var second = NodeStatusComputer.Compute(first, Node, NetworkNotReady, T0.AddSeconds(10));

        NodeStatusComparer.HasChanged(first, second).ShouldBeTrue();
    }

    [Fact]
    public void NewAddressOrRuntimeVersion_IsAChange()
    {
        var first = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);

        NodeStatusComparer.HasChanged(first, NodeStatusComputer.Compute(first, Description("n1", "10.0.0.6"), NodeObservation.Healthy, T0)).ShouldBeTrue();
        NodeStatusComparer.HasChanged(first, NodeStatusComputer.Compute(first, Node with { ContainerRuntimeVersion = "containerd://2.0.0" }, NodeObservation.Healthy, T0)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(false, 0, null, true)]
    [InlineData(true, 10, 0, true)]
    [InlineData(false, 10, 0, false)]
    [InlineData(false, 299, 0, false)]
    [InlineData(false, 300, 0, true)]
    public void ShouldPatch_WhenChangedNeverReportedOrReportFrequencyPassed(bool changed, int nowSeconds, int? lastReportSeconds, bool expected)
    {
        var lastReport = lastReportSeconds is { } s ? T0.AddSeconds(s) : (DateTimeOffset?)null;

        NodeStatusReporting.ShouldPatch(changed, T0.AddSeconds(nowSeconds), lastReport, TimeSpan.FromMinutes(5)).ShouldBe(expected);
    }

    [Fact]
    public void Compute_KeepsFieldsSharpletDoesNotOwn()
    {
        var stored = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);
        stored.Capacity!["example.com/gpu"] = Quantity.Parse("2");
        stored.Images = [new ContainerImage { Names = ["busybox"], SizeBytes = 1 }];
        stored.NodeInfo!.Swap = new NodeSwapStatus { Capacity = 1024 };

        var next = NodeStatusComputer.Compute(stored, Node, NodeObservation.Healthy, T0.AddSeconds(10));

        next.Capacity!["example.com/gpu"].ShouldBe(Quantity.Parse("2"));
        next.Images!.ShouldHaveSingleItem().Names.ShouldBe(["busybox"]);
        next.NodeInfo!.Swap!.Capacity.ShouldBe(1024);
        next.NodeInfo.KubeletVersion.ShouldBe(KubeletVersion.Value);
        next.DaemonEndpoints!.KubeletEndpoint!.Port.ShouldBe(10250);
    }
}
