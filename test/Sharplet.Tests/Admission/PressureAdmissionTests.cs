using Sharplet.Admission;
using Sharplet.Api;
using Sharplet.Nodes;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Admission;

// Upstream's eviction admit handler.
public sealed class PressureAdmissionTests
{
    private static readonly PressureSignals Memory = new(true, false, false);

    private static Pod BestEffort() => new PodBuilder().Container("app").Build();

    private static Pod Burstable() =>
        new PodBuilder().Container("app", c => c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources(("memory", "64Mi")) }).Build();

    [Fact]
    public void MemoryPressure_RefusesBestEffortWithUpstreamsReasonAndMessage()
    {
        PressureAdmission.Check(BestEffort(), Memory).ShouldBe(("Evicted", "Pod was rejected: The node had condition: [MemoryPressure]. "));
    }

    [Fact]
    public void MemoryPressure_AdmitsBurstable()
    {
        PressureAdmission.Check(Burstable(), Memory).ShouldBeNull();
    }

    [Fact]
    public void MemoryPressure_AdmitsBestEffortThatToleratesTheMemoryPressureTaint()
    {
        var pod = BestEffort();
        pod.Spec!.Tolerations = [new Toleration { Key = "node.kubernetes.io/memory-pressure", Operator = "Exists", Effect = "NoSchedule" }];

        PressureAdmission.Check(pod, Memory).ShouldBeNull();
    }

    [Fact]
    public void DiskPressure_RefusesEveryPod_NamingEveryCondition()
    {
        PressureAdmission.Check(Burstable(), new PressureSignals(true, true, false)).ShouldBe(("Evicted", "Pod was rejected: The node had condition: [MemoryPressure DiskPressure]. "));
        PressureAdmission.Check(Burstable(), new PressureSignals(false, false, true)).ShouldBe(("Evicted", "Pod was rejected: The node had condition: [PIDPressure]. "));
    }

    [Fact]
    public void CriticalPod_IsAdmittedUnderAnyPressure()
    {
        var pod = Burstable();
        pod.Spec!.Priority = 2_000_001_000;

        PressureAdmission.Check(pod, new PressureSignals(true, true, true)).ShouldBeNull();
    }

    [Fact]
    public void NoPressure_AdmitsEverything()
    {
        PressureAdmission.Check(BestEffort(), PressureSignals.None).ShouldBeNull();
    }
}
