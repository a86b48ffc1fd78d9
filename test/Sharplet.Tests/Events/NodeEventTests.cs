using Sharplet.Events;

namespace Sharplet.Tests.Events;

// Events about the node, as upstream's kubelet makes them with its nodeRef.
public sealed class NodeEventTests
{
    [Fact]
    public void MakeForNode_InvolvesTheNodeByName_InTheDefaultNamespace()
    {
        var now = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

        var e = EventFactory.MakeForNode("node-a", EventTypes.Warning, "EvictionThresholdMet", "Attempting to reclaim memory", now);

        e.InvolvedObject!.Kind.ShouldBe("Node");
        e.InvolvedObject.Name.ShouldBe("node-a");
        e.InvolvedObject.Uid.ShouldBe("node-a");
        e.InvolvedObject.Namespace.ShouldBeNull();
        e.Metadata!.Namespace.ShouldBe("default");
        e.Metadata.Name!.ShouldStartWith("node-a.");
        (e.Type, e.Reason, e.Message).ShouldBe(("Warning", "EvictionThresholdMet", "Attempting to reclaim memory"));
        e.Source!.Host.ShouldBe("node-a");
    }
}
