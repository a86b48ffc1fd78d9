using Sharplet.Api;
using Sharplet.Server;

namespace Sharplet.Tests.Server;

// Which instance a log request reads, and upstream's validateContainerLogStatus texts when there is none.
public sealed class ContainerLogTargetTests
{
    private static PodStatus Status(ContainerState? state, ContainerState? last = null, string? id = "containerd://abc") => new()
    {
        ContainerStatuses = [new ContainerStatus { Name = "c", State = state, LastState = last, ContainerID = id }],
    };

    private static ContainerState Terminated(string? id) => new() { Terminated = new ContainerStateTerminated { ContainerID = id } };

    [Fact]
    public void Running_ReadsTheCurrentInstance()
    {
        ContainerLogTarget.Resolve("p", Status(new ContainerState { Running = new ContainerStateRunning() }), "c", false).ShouldBe(("abc", null));
    }

    [Fact]
    public void Previous_ReadsTheLastTerminatedInstance()
    {
        var status = Status(new ContainerState { Running = new ContainerStateRunning() }, Terminated("containerd://old"));

        ContainerLogTarget.Resolve("p", status, "c", true).ShouldBe(("old", null));
    }

    [Fact]
    public void PreviousWithoutOne_IsUpstreamsText()
    {
        ContainerLogTarget.Resolve("p", Status(new ContainerState { Running = new ContainerStateRunning() }), "c", true)
            .ShouldBe((null, "previous terminated container \"c\" in pod \"p\" not found"));
    }

    [Fact]
    public void TerminatedWithoutItsOwnId_ReadsTheLastInstance()
    {
        ContainerLogTarget.Resolve("p", Status(Terminated(null), Terminated("containerd://last")), "c", false).ShouldBe(("last", null));
        ContainerLogTarget.Resolve("p", Status(Terminated(null)), "c", false).ShouldBe((null, "container \"c\" in pod \"p\" is terminated"));
    }

    [Theory]
    [InlineData("ErrImagePull", "container \"c\" in pod \"p\" is waiting to start: image can't be pulled")]
    [InlineData("ImagePullBackOff", "container \"c\" in pod \"p\" is waiting to start: trying and failing to pull image")]
    [InlineData("ContainerCreating", "container \"c\" in pod \"p\" is waiting to start: ContainerCreating")]
    public void NeverRan_IsUpstreamsWaitingText(string reason, string text)
    {
        ContainerLogTarget.Resolve("p", Status(new ContainerState { Waiting = new ContainerStateWaiting { Reason = reason } }, id: null), "c", false).ShouldBe((null, text));
    }

    [Fact]
    public void NoStateAtAll_AndUnknownContainer_AreUpstreamsTexts()
    {
        ContainerLogTarget.Resolve("p", Status(null, id: null), "c", false).ShouldBe((null, "container \"c\" in pod \"p\" is waiting to start - no logs yet"));
        ContainerLogTarget.Resolve("p", Status(null), "other", false).ShouldBe((null, "container \"other\" in pod \"p\" is not available"));
    }

    [Fact]
    public void Timestamp_HasNineFractionDigits()
    {
        ContainerLogSource.Timestamp(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567)).ShouldBe("2024-05-01T10:00:00.123456700Z");
        ContainerLogSource.Timestamp(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2))).ShouldBe("2024-05-01T10:00:00.000000000+02:00");
    }
}
