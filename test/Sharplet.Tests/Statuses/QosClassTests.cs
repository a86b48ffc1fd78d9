using Sharplet.Api;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Statuses;

// upstream ComputePodQOS.
public sealed class QosClassTests
{
    private static ResourceRequirements Res(string? requests, string? limits) => new()
    {
        Requests = Parse(requests),
        Limits = Parse(limits),
    };

    // "cpu=1,memory=1Gi"
    private static Dictionary<string, Quantity>? Parse(string? list) => list is null
        ? null
        : PodBuilder.Resources(list.Split(',').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray());

    [Theory]
    [InlineData(null, null, PodQOSClass.BestEffort)]
    [InlineData("cpu=0,memory=0", null, PodQOSClass.BestEffort)]
    [InlineData("nvidia.com/gpu=1", "nvidia.com/gpu=1", PodQOSClass.BestEffort)]
    [InlineData("cpu=100m", null, PodQOSClass.Burstable)]
    [InlineData(null, "memory=1Gi", PodQOSClass.Burstable)]
    [InlineData("cpu=1,memory=1Gi", "cpu=1,memory=1Gi", PodQOSClass.Guaranteed)]
    [InlineData("cpu=1000m,memory=1024Mi", "cpu=1,memory=1Gi", PodQOSClass.Guaranteed)]
    [InlineData("cpu=500m,memory=1Gi", "cpu=1,memory=1Gi", PodQOSClass.Burstable)]
    [InlineData("cpu=1", "cpu=1", PodQOSClass.Burstable)]
    [InlineData(null, "cpu=1,memory=1Gi", PodQOSClass.Burstable)]
    public void SingleContainer(string? requests, string? limits, string expected)
    {
        var pod = new PodBuilder().Container("a", c => c.Resources = Res(requests, limits)).Build();

        QosClass.Of(pod.Spec!).ShouldBe(expected);
    }

    [Fact]
    public void EveryContainerGuaranteed_IncludingInitContainers_Guaranteed()
    {
        var pod = new PodBuilder()
            .Init("i", c => c.Resources = Res("cpu=2,memory=2Gi", "cpu=2,memory=2Gi"))
            .Container("a", c => c.Resources = Res("cpu=1,memory=1Gi", "cpu=1,memory=1Gi"))
            .Build();

        QosClass.Of(pod.Spec!).ShouldBe(PodQOSClass.Guaranteed);
    }

    [Fact]
    public void OneContainerWithoutLimits_Burstable()
    {
        var pod = new PodBuilder()
            .Container("a", c => c.Resources = Res("cpu=1,memory=1Gi", "cpu=1,memory=1Gi"))
            .Container("b")
            .Build();

        QosClass.Of(pod.Spec!).ShouldBe(PodQOSClass.Burstable);
    }

    [Fact]
    public void InitContainerWithRequestsOnly_MakesAnOtherwiseEmptyPodBurstable()
    {
        var pod = new PodBuilder().Init("i", c => c.Resources = Res("memory=64Mi", null)).Container("a").Build();

        QosClass.Of(pod.Spec!).ShouldBe(PodQOSClass.Burstable);
    }
}
