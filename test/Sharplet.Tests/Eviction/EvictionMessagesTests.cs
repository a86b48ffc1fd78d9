using Sharplet.Api;
using Sharplet.Eviction;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Eviction;

// Upstream's evictionMessage texts.
public sealed class EvictionMessagesTests
{
    [Fact]
    public void MemoryEviction_NamesTheResourceTheThresholdWhatWasAvailableAndEachContainerOverItsRequest()
    {
        var pod = new PodBuilder()
            .Container("hog")
            .Container("calm", c => c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources(("memory", "1Gi")) })
            .Build();
        var usage = new PodUsage(600L << 20, [new ContainerUsage("hog", 500L << 20, 0, 0), new ContainerUsage("calm", 100L << 20, 0, 0)], 0, 2);

        var message = EvictionMessages.Eviction("memory", pod, usage, 100L << 20, 50L << 20);

        message.ShouldBe("The node was low on resource: memory. Threshold quantity: 100Mi, available: 50Mi. " +
            "Container hog was using 500Mi, request is 0, has larger consumption of memory. ");
    }

    [Fact]
    public void DiskEviction_CountsWritableLayerAndLogs()
    {
        var pod = new PodBuilder().Container("app").Build();
        var usage = new PodUsage(0, [new ContainerUsage("app", 0, 3L << 20, 1L << 20)], 0, 1);

        var message = EvictionMessages.Eviction("ephemeral-storage", pod, usage, 10L << 30, 9L << 30);

        message.ShouldBe("The node was low on resource: ephemeral-storage. Threshold quantity: 10Gi, available: 9Gi. " +
            "Container app was using 4Mi, request is 0, has larger consumption of ephemeral-storage. ");
    }

    [Fact]
    public void PidEviction_PrintsCountsAndNoContainerSentence()
    {
        var message = EvictionMessages.Eviction("pids", new PodBuilder().Container("app").Build(), new PodUsage(0, [], 0, 50), 1000, 12);

        message.ShouldBe("The node was low on resource: pids. Threshold quantity: 1000, available: 12. ");
    }
}
