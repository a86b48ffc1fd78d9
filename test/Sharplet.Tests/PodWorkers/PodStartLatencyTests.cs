using Sharplet.Api;
using Sharplet.Pods;
using Sharplet.PodWorkers;
using Sharplet.TestSupport;

namespace Sharplet.Tests.PodWorkers;

// kubelet_pod_start_duration_seconds' decision: from first seen to the first Running status, once per pod.
public sealed class PodStartLatencyTests
{
    private static readonly DateTimeOffset Seen = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PendingToRunning_IsTheTimeSinceFirstSeen()
    {
        var latency = PodStartLatency.Measure(SeenPod(), Status(PodPhase.Pending), Status(PodPhase.Running, Seen.AddSeconds(6)), Seen.AddSeconds(7.5));

        latency.ShouldBe(TimeSpan.FromSeconds(7.5));
    }

    [Fact]
    public void RunningToRunning_IsNotObservedAgain()
    {
        PodStartLatency.Measure(SeenPod(), Status(PodPhase.Running, Seen.AddSeconds(6)), Status(PodPhase.Running, Seen.AddSeconds(6)), Seen.AddSeconds(60))
            .ShouldBeNull("a running pod's later syncs are not starts");
    }

    [Fact]
    public void StillPending_IsNotObserved()
    {
        PodStartLatency.Measure(SeenPod(), Status(PodPhase.Pending), Status(PodPhase.Pending), Seen.AddSeconds(3)).ShouldBeNull();
    }

    [Fact]
    public void FirstStatusRunning_ContainersStartedAfterFirstSeen_IsObserved()
    {
        PodStartLatency.Measure(SeenPod(), null, Status(PodPhase.Running, Seen.AddSeconds(1)), Seen.AddSeconds(2)).ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void FirstStatusRunning_ContainersStartedBeforeFirstSeen_IsAnAdoptionNotAStart()
    {
        PodStartLatency.Measure(SeenPod(), null, Status(PodPhase.Running, Seen.AddMinutes(-10)), Seen.AddSeconds(1))
            .ShouldBeNull("a pod found running after a kubelet restart did not start now");
    }

    [Fact]
    public void NoFirstSeenAnnotation_IsNotObserved()
    {
        PodStartLatency.Measure(new PodBuilder().Container("app").Build(), Status(PodPhase.Pending), Status(PodPhase.Running, Seen), Seen.AddSeconds(1))
            .ShouldBeNull();
    }

    internal static Pod SeenPod(DateTimeOffset? seen = null)
    {
        var pod = new PodBuilder().Container("app").Build();
        pod.Metadata!.Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ConfigAnnotations.Seen] = (seen ?? Seen).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture),
        };
        return pod;
    }

    private static PodStatus Status(string phase, DateTimeOffset? started = null) => new()
    {
        Phase = phase,
        ContainerStatuses = started is { } at
            ? [new ContainerStatus { Name = "app", State = new ContainerState { Running = new ContainerStateRunning { StartedAt = at } } }]
            : [new ContainerStatus { Name = "app", State = new ContainerState { Waiting = new ContainerStateWaiting { Reason = "ContainerCreating" } } }],
    };
}
