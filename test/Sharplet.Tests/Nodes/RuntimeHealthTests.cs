using Sharplet.Cri.V1;
using Sharplet.Nodes;
using static Sharplet.Tests.Nodes.NodeTestData;

namespace Sharplet.Tests.Nodes;

public sealed class RuntimeHealthTests
{
    private readonly RuntimeHealth health = new(TimeSpan.FromSeconds(30));

    [Fact]
    public void NoStatusAnswerYet_SaysTheCheckMayNotHaveCompleted()
    {
        health.Errors(T0, null).Runtime.ShouldBe(["container runtime status check may not have completed yet"]);
    }

    [Fact]
    public void ReadyRuntimeAndNetwork_NoErrors()
    {
        health.Observed(Status(runtime: true, network: true), T0);

        var (runtime, network) = health.Errors(T0.AddSeconds(29), null);

        runtime.ShouldBeEmpty();
        network.ShouldBeEmpty();
    }

    [Fact]
    public void NoReadyAnswerForTheThreshold_TheRuntimeIsDown()
    {
        health.Observed(Status(runtime: true, network: true), T0);

        health.Errors(T0.AddSeconds(30), null).Runtime.ShouldBe(["container runtime is down"]);
    }

    [Fact]
    public void NetworkNotReady_InUpstreamsWords()
    {
        health.Observed(Status(runtime: true, network: false, reason: "NetworkPluginNotReady", message: "Network plugin returns error: cni plugin not initialized"), T0);

        health.Errors(T0, null).Network.ShouldBe(
            ["container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"]);
    }

    [Fact]
    public void RuntimeNotReadyAndUnhealthyPleg_ListedInUpstreamsOrder()
    {
        health.Observed(Status(runtime: true, network: true), T0);
        health.Observed(Status(runtime: false, network: true, reason: "Broken", message: "oh no"), T0.AddSeconds(40));

        health.Errors(T0.AddSeconds(40), "PLEG is not healthy: pleg was last seen active 200s ago; threshold is 180s").Runtime.ShouldBe(
        [
            "container runtime is down",
            "PLEG is not healthy: pleg was last seen active 200s ago; threshold is 180s",
            "container runtime not ready: RuntimeReady=false reason:Broken message:oh no",
        ]);
    }

    [Fact]
    public void AbsentNetworkCondition_IsPrintedAsGoPrintsANilPointer()
    {
        var status = new StatusResponse { Status = new RuntimeStatus() };
        status.Status.Conditions.Add(new RuntimeCondition { Type = "RuntimeReady", Status = true });
        health.Observed(status, T0);

        health.Errors(T0, null).Network.ShouldBe(["container runtime network not ready: <nil>"]);
    }

    private static StatusResponse Status(bool runtime, bool network, string reason = "", string message = "")
    {
        var status = new StatusResponse { Status = new RuntimeStatus() };
        status.Status.Conditions.Add(new RuntimeCondition { Type = "RuntimeReady", Status = runtime, Reason = runtime ? string.Empty : reason, Message = runtime ? string.Empty : message });
        status.Status.Conditions.Add(new RuntimeCondition { Type = "NetworkReady", Status = network, Reason = network ? string.Empty : reason, Message = network ? string.Empty : message });
        return status;
    }
}
