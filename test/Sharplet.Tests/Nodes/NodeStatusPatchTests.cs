using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.Nodes;
using static Sharplet.Tests.Nodes.NodeTestData;

namespace Sharplet.Tests.Nodes;

public sealed class NodeStatusPatchTests
{
    private static readonly NodeDescription Node = Description();

    [Fact]
    public void HeartbeatOnly_SendsSharpletsConditionsButNotAnotherWritersOrTheUnchangedFields()
    {
        var stored = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);
        stored.Conditions!.Insert(0, new NodeCondition { Type = "NetworkUnavailable", Status = "False", Reason = "RouteCreated", LastHeartbeatTime = T0, LastTransitionTime = T0 });
        var next = NodeStatusComputer.Compute(stored, Node, NodeObservation.Healthy, T0.AddMinutes(5));

        var patch = NodeStatusPatch.Build(stored, next)!;

        var status = patch["status"]!.AsObject();
        status.Select(p => p.Key).ShouldBe(["conditions"]);
        status["conditions"]!.AsArray().Select(c => (string)c!["type"]!).ShouldBe(["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]);
        ((string)status["conditions"]![3]!["lastHeartbeatTime"]!).ShouldBe("2025-03-01T12:05:00Z");
    }

    [Fact]
    public void NothingDiffers_NoPatch()
    {
        var stored = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);

        NodeStatusPatch.Build(stored, NodeStatusComputer.Copy(stored)).ShouldBeNull();
    }

    [Fact]
    public void ChangedResource_OnlyThatResourceIsSent()
    {
        var stored = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);
        var next = NodeStatusComputer.Compute(stored, Node with { Capacity = Resources("4", "16Gi", "100Gi", "57") }, NodeObservation.Healthy, T0);

        var status = NodeStatusPatch.Build(stored, next)!["status"]!.AsObject();

        status["capacity"]!.ToJsonString().ShouldBe("""{"pods":"57"}""");
        status.ContainsKey("allocatable").ShouldBeFalse();
    }

    [Fact]
    public void ChangedAddresses_AreSentWholeWithTheReplaceDirective()
    {
        // Addresses merge by type on the server; two InternalIPs would fold into one without the directive.
        var stored = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);
        var next = NodeStatusComputer.Compute(stored, Description("n1", "10.0.0.5", "fd00::5"), NodeObservation.Healthy, T0);

        var addresses = NodeStatusPatch.Build(stored, next)!["status"]!["addresses"]!.AsArray();

        addresses.ToJsonString().ShouldBe(
            """[{"$patch":"replace"},{"type":"InternalIP","address":"10.0.0.5"},{"type":"InternalIP","address":"fd00::5"},{"type":"Hostname","address":"n1"}]""");
    }

    [Fact]
    public void FirstStatus_SendsEverythingSharpletOwns()
    {
        var next = NodeStatusComputer.Compute(null, Node, NodeObservation.Healthy, T0);

        var status = NodeStatusPatch.Build(new NodeStatus(), next)!["status"]!.AsObject();

        status.Select(p => p.Key).ShouldBe(["conditions", "capacity", "allocatable", "addresses", "nodeInfo", "daemonEndpoints"]);
        status["daemonEndpoints"]!.ToJsonString().ShouldBe("""{"kubeletEndpoint":{"Port":10250}}""");
        ((JsonObject)status["nodeInfo"]!)["containerRuntimeVersion"]!.GetValue<string>().ShouldBe("containerd://1.7.24");
    }
}
