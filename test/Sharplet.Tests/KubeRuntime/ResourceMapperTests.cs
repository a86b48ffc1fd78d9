using Sharplet.Api;
using Sharplet.KubeRuntime;
using Sharplet.TestSupport;

namespace Sharplet.Tests.KubeRuntime;

// kuberuntime_container_linux.go calculateLinuxResources and qos/policy.go GetContainerOOMScoreAdjust.
public sealed class ResourceMapperTests
{
    private const long Capacity = 8L << 30;

    private static Action<Container> Res(string? requests = null, string? limits = null) => c => c.Resources = new ResourceRequirements
    {
        Requests = Parse(requests),
        Limits = Parse(limits),
    };

    private static Dictionary<string, Quantity>? Parse(string? list) => list is null
        ? null
        : PodBuilder.Resources(list.Split(',').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray());

    private static Sharplet.Cri.V1.LinuxContainerResources Map(Pod pod, int index = 0) =>
        ResourceMapper.Build(pod, pod.Spec!.Containers![index], Capacity);

    [Theory]
    [InlineData(null, null, 2L, 0L, 0L)]
    [InlineData("cpu=100m", null, 102L, 0L, 0L)]
    [InlineData("cpu=1", "cpu=2", 1024L, 200_000L, 100_000L)]
    [InlineData(null, "cpu=500m", 512L, 50_000L, 100_000L)]
    [InlineData("cpu=0", "cpu=250m", 256L, 25_000L, 100_000L)]
    [InlineData("cpu=1m", "cpu=1m", 2L, 1_000L, 100_000L)]
    [InlineData("cpu=300", null, 262_144L, 0L, 0L)]
    public void Cpu_SharesFromTheRequestAndQuotaFromTheLimit(string? requests, string? limits, long shares, long quota, long period)
    {
        var resources = Map(new PodBuilder().Container("a", Res(requests, limits)).Build());

        resources.CpuShares.ShouldBe(shares);
        resources.CpuQuota.ShouldBe(quota);
        resources.CpuPeriod.ShouldBe(period);
    }

    [Theory]
    [InlineData(null, 0L)]
    [InlineData("memory=0", 0L)]
    [InlineData("memory=256Mi", 268_435_456L)]
    [InlineData("memory=1G", 1_000_000_000L)]
    public void Memory_LimitInBytes(string? limits, long bytes)
    {
        Map(new PodBuilder().Container("a", Res(limits: limits)).Build()).MemoryLimitInBytes.ShouldBe(bytes);
    }

    [Theory]
    [InlineData(null, null, 1000L)]
    [InlineData("cpu=1,memory=1Gi", "cpu=1,memory=1Gi", -997L)]
    [InlineData("memory=1Gi", null, 875L)]
    [InlineData("memory=4Gi", null, 500L)]
    [InlineData("cpu=100m", null, 999L)]
    [InlineData("memory=8Gi", null, 3L)]
    [InlineData("memory=16Gi", null, 3L)]
    public void OomScoreAdj_ByQosClassAndMemoryRequest(string? requests, string? limits, long expected)
    {
        Map(new PodBuilder().Container("a", Res(requests, limits)).Build()).OomScoreAdj.ShouldBe(expected);
    }

    [Fact]
    public void OomScoreAdj_BurstableContainerOfAGuaranteedLookingPodWithAnotherContainer()
    {
        var pod = new PodBuilder().Container("a", Res("cpu=1,memory=1Gi", "cpu=1,memory=1Gi")).Container("b", Res("memory=2Gi")).Build();

        Map(pod, 0).OomScoreAdj.ShouldBe(875L);
        Map(pod, 1).OomScoreAdj.ShouldBe(750L);
    }

    [Fact]
    public void OomScoreAdj_SidecarIsNoMoreLikelyKilledThanTheSmallestRegularContainer()
    {
        var pod = new PodBuilder()
            .Sidecar("s", Res("memory=128Mi"))
            .Container("a", Res("memory=2Gi"))
            .Container("b", Res("memory=1Gi"))
            .Build();

        ResourceMapper.Build(pod, pod.Spec!.InitContainers![0], Capacity).OomScoreAdj.ShouldBe(875L);
        Map(pod, 0).OomScoreAdj.ShouldBe(750L);
    }

    [Fact]
    public void OomScoreAdj_StaticNodeCriticalPod_IsProtectedLikeGuaranteed()
    {
        var pod = new PodBuilder()
            .Meta(m => m.Annotations = new Dictionary<string, string> { ["kubernetes.io/config.source"] = "file" })
            .Spec(s => s.PriorityClassName = "system-node-critical")
            .Container("a", Res("cpu=100m,memory=64Mi"))
            .Build();

        Map(pod).OomScoreAdj.ShouldBe(-997L);
    }

    [Fact]
    public void OomScoreAdj_ApiPodWithNodeCriticalClassButNoCriticalPriority_IsNotProtected()
    {
        var pod = new PodBuilder()
            .Meta(m => m.Annotations = new Dictionary<string, string> { ["kubernetes.io/config.source"] = "api" })
            .Spec(s => s.PriorityClassName = "system-node-critical")
            .Container("a", Res("memory=1Gi"))
            .Build();

        Map(pod).OomScoreAdj.ShouldBe(875L);

        pod.Spec!.Priority = 2_000_001_000;
        Map(pod).OomScoreAdj.ShouldBe(-997L);
    }
}
