using Sharplet.Api;
using Sharplet.Nodes;
using static Sharplet.Tests.Nodes.NodeTestData;

namespace Sharplet.Tests.Nodes;

public sealed class NodeConditionsTests
{
    private static readonly Dictionary<string, Quantity> Capacity = Resources("4", "16Gi", "100Gi", "110");

    [Fact]
    public void NewNode_GetsUpstreamsFourConditions_ReadyLast_WithHeartbeatAndTransitionNow()
    {
        var conditions = NodeConditions.Apply(null, Capacity, NodeObservation.Healthy, T0);

        conditions.Select(c => $"{c.Type}={c.Status}/{c.Reason}/{c.Message}").ShouldBe(
        [
            "MemoryPressure=False/KubeletHasSufficientMemory/kubelet has sufficient memory available",
            "DiskPressure=False/KubeletHasNoDiskPressure/kubelet has no disk pressure",
            "PIDPressure=False/KubeletHasSufficientPID/kubelet has sufficient PID available",
            "Ready=True/KubeletReady/kubelet is posting ready status",
        ]);
        conditions.ShouldAllBe(c => c.LastHeartbeatTime == T0 && c.LastTransitionTime == T0);
    }

    [Fact]
    public void UnchangedHealth_MovesHeartbeatsButKeepsTransitionTimes()
    {
        var first = NodeConditions.Apply(null, Capacity, NodeObservation.Healthy, T0);

        var second = NodeConditions.Apply(first, Capacity, NodeObservation.Healthy, T0.AddSeconds(10));

        second.ShouldAllBe(c => c.LastHeartbeatTime == T0.AddSeconds(10) && c.LastTransitionTime == T0);
        first.ShouldAllBe(c => c.LastHeartbeatTime == T0, "the input conditions are not modified");
    }

    [Fact]
    public void NetworkNotReady_ReadyIsFalseWithKubeletNotReadyAndTheRuntimesWords()
    {
        var first = NodeConditions.Apply(null, Capacity, NodeObservation.Healthy, T0);

        var second = NodeConditions.Apply(first, Capacity, NetworkNotReady, T0.AddSeconds(10));

        var ready = Condition("Ready", second);
        (ready.Status, ready.Reason).ShouldBe(("False", "KubeletNotReady"));
        ready.Message.ShouldBe("container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized");
        ready.LastTransitionTime.ShouldBe(T0.AddSeconds(10));
    }

    [Fact]
    public void ReadyStaysFalseForAnotherReason_KeepsItsTransitionTimeButTakesTheNewMessage()
    {
        var notReady = NodeConditions.Apply(null, Capacity, NetworkNotReady, T0);
        var otherReason = NodeObservation.Healthy with { RuntimeErrors = ["container runtime is down"] };

        var later = NodeConditions.Apply(notReady, Capacity, otherReason, T0.AddSeconds(30));

        var ready = Condition("Ready", later);
        (ready.Status, ready.Message, ready.LastTransitionTime).ShouldBe(("False", "container runtime is down", T0));
    }

    [Fact]
    public void SeveralProblems_AreJoinedAsUpstreamsAggregateError()
    {
        var observed = new NodeObservation(["container runtime is down", "PLEG is not healthy: pleg was last seen active 200s ago; threshold is 180s"], NetworkNotReady.NetworkErrors, false, false, false);

        var ready = Condition("Ready", NodeConditions.Apply(null, Capacity, observed, T0));

        ready.Message.ShouldBe(
            "[container runtime is down, PLEG is not healthy: pleg was last seen active 200s ago; threshold is 180s, " +
            "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized]");
    }

    [Fact]
    public void MissingCapacity_KeepsTheNodeNotReady()
    {
        var ready = Condition("Ready", NodeConditions.Apply(null, new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("4") }, NodeObservation.Healthy, T0));

        (ready.Status, ready.Message).ShouldBe(("False", "missing node capacity for resources: memory, pods, ephemeral-storage"));
    }

    [Fact]
    public void WithoutLocalStorageCapacityIsolation_EphemeralStorageCapacityIsNotRequired()
    {
        var capacity = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("4"), ["memory"] = Quantity.Parse("1Gi"), ["pods"] = Quantity.Parse("110") };

        Condition("Ready", NodeConditions.Apply(null, capacity, NodeObservation.Healthy, T0, localStorageCapacityIsolation: false)).Status.ShouldBe("True");
        var isolated = Condition("Ready", NodeConditions.Apply(null, capacity, NodeObservation.Healthy, T0));
        (isolated.Status, isolated.Message).ShouldBe(("False", "missing node capacity for resources: ephemeral-storage"));
    }

    [Fact]
    public void MemoryPressureStarts_FlipsStatusReasonMessageAndTransition_OthersStay()
    {
        var first = NodeConditions.Apply(null, Capacity, NodeObservation.Healthy, T0);

        var second = NodeConditions.Apply(first, Capacity, NodeObservation.Healthy with { MemoryPressure = true }, T0.AddMinutes(1));

        var memory = Condition("MemoryPressure", second);
        (memory.Status, memory.Reason, memory.Message, memory.LastTransitionTime)
            .ShouldBe(("True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available", T0.AddMinutes(1)));
        Condition("DiskPressure", second).LastTransitionTime.ShouldBe(T0);
        Condition("Ready", second).Status.ShouldBe("True", "pressure alone does not make a node not ready");
    }

    [Fact]
    public void DiskAndPidPressure_UseUpstreamsReasons()
    {
        var conditions = NodeConditions.Apply(null, Capacity, NodeObservation.Healthy with { DiskPressure = true, PidPressure = true }, T0);

        Condition("DiskPressure", conditions).Reason.ShouldBe("KubeletHasDiskPressure");
        Condition("PIDPressure", conditions).Reason.ShouldBe("KubeletHasInsufficientPID");
    }

    [Fact]
    public void PressureConditionWhoseStatusStays_KeepsTheReasonAndMessageItHad()
    {
        // A node registered by another kubelet version may carry other words; upstream only rewrites them on a flip.
        var existing = new List<NodeCondition>
        {
            new() { Type = "MemoryPressure", Status = "False", Reason = "OldReason", Message = "old words", LastTransitionTime = T0, LastHeartbeatTime = T0 },
        };

        var memory = Condition("MemoryPressure", NodeConditions.Apply(existing, Capacity, NodeObservation.Healthy, T0.AddSeconds(10)));

        (memory.Reason, memory.Message, memory.LastTransitionTime, memory.LastHeartbeatTime).ShouldBe(("OldReason", "old words", T0, T0.AddSeconds(10)));
    }

    [Fact]
    public void OtherWritersConditions_AreKeptUntouchedAndInPlace()
    {
        var network = new NodeCondition { Type = "NetworkUnavailable", Status = "False", Reason = "CalicoIsUp", LastHeartbeatTime = T0, LastTransitionTime = T0 };

        var conditions = NodeConditions.Apply([network], Capacity, NodeObservation.Healthy, T0.AddMinutes(1));

        conditions[0].Type.ShouldBe("NetworkUnavailable");
        (conditions[0].Reason, conditions[0].LastHeartbeatTime).ShouldBe(("CalicoIsUp", T0));
        conditions.Select(c => c.Type).ShouldBe(["NetworkUnavailable", "MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]);
    }
}
