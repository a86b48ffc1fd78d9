using Sharplet.Api;
using Sharplet.ProbeResults;
using Sharplet.Prober;
using Sharplet.Statuses;
using ContainerStatus = Sharplet.Api.ContainerStatus;

namespace Sharplet.Tests.Prober;

// The decisions of one probe worker turn (upstream worker.doProbe), without any timer or I/O.
public sealed class ProbeTrackerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static Probe Spec(int failure = 3, int success = 1, int initialDelay = 0) =>
        new() { Exec = new ExecAction { Command = ["true"] }, FailureThreshold = failure, SuccessThreshold = success, InitialDelaySeconds = initialDelay, PeriodSeconds = 1 };

    private static PodStatusEntry Entry(
        string id = "containerd://c1",
        bool running = true,
        bool started = true,
        string phase = PodPhase.Running,
        string restartPolicy = RestartPolicy.Always,
        bool deleting = false,
        bool asInit = false)
    {
        var container = new ContainerStatus
        {
            Name = "main",
            ContainerID = id,
            Started = running && started,
            State = running
                ? new ContainerState { Running = new ContainerStateRunning { StartedAt = Start } }
                : new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 1 } },
        };
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "u1", DeletionTimestamp = deleting ? Start : null },
            Spec = new PodSpec { RestartPolicy = restartPolicy, Containers = [new Container { Name = "main" }] },
        };
        var status = new PodStatus
        {
            Phase = phase,
            ContainerStatuses = asInit ? [] : [container],
            InitContainerStatuses = asInit ? [container] : null,
        };
        return new PodStatusEntry(pod, status, 1);
    }

    [Theory]
    [InlineData("Liveness", "Success")]
    [InlineData("Readiness", "Failure")]
    [InlineData("Startup", "Unknown")]
    public void NewContainer_StartsFromTheKindsInitialValue(string kindName, string initialName)
    {
        var kind = Enum.Parse<ProbeKind>(kindName);
        var initial = Enum.Parse<ProbeResult>(initialName);
        var tracker = new ProbeTracker(kind, Spec(), "main", sidecar: false);

        var step = tracker.Next(Entry(started: kind != ProbeKind.Startup), Start);

        step.Writes.ShouldBe([new ResultWrite("c1", initial, Initial: true)]);
        step.RunProbe.ShouldBeTrue();
        tracker.ContainerId.ShouldBe("c1");
        tracker.QualifiedContainerId.ShouldBe("containerd://c1");
    }

    [Fact]
    public void NoStatusYet_Waits()
    {
        var step = new ProbeTracker(ProbeKind.Liveness, Spec(), "main", false).Next(null, Start);

        step.Writes.ShouldBeEmpty();
        step.RunProbe.ShouldBeFalse();
        step.KeepGoing.ShouldBeTrue();
    }

    [Fact]
    public void InitialDelay_NoProbeUntilItHasPassedSinceTheContainerStarted()
    {
        var tracker = new ProbeTracker(ProbeKind.Liveness, Spec(initialDelay: 5), "main", false);

        tracker.Next(Entry(), Start.AddSeconds(4.9)).RunProbe.ShouldBeFalse();
        tracker.Next(Entry(), Start.AddSeconds(5)).RunProbe.ShouldBeTrue();
    }

    [Fact]
    public void LivenessFailures_BelowThreshold_NothingStored_AtThreshold_FailureAndHold()
    {
        var tracker = new ProbeTracker(ProbeKind.Liveness, Spec(failure: 3), "main", false);
        tracker.Next(Entry(), Start);

        tracker.Record(ProbeResult.Failure).ShouldBeNull();
        tracker.Record(ProbeResult.Failure).ShouldBeNull();
        tracker.Record(ProbeResult.Failure).ShouldBe(new ResultWrite("c1", ProbeResult.Failure));

        // Held until another container: the failed one is about to be killed.
        tracker.Next(Entry(), Start.AddSeconds(10)).RunProbe.ShouldBeFalse();
        var next = tracker.Next(Entry(id: "containerd://c2"), Start.AddSeconds(11));
        next.RunProbe.ShouldBeTrue();
        next.Writes.ShouldBe([new ResultWrite("c1", null), new ResultWrite("c2", ProbeResult.Success, Initial: true)]);
    }

    [Fact]
    public void SuccessBetweenFailures_RestartsTheCount()
    {
        var tracker = new ProbeTracker(ProbeKind.Liveness, Spec(failure: 2), "main", false);
        tracker.Next(Entry(), Start);

        tracker.Record(ProbeResult.Failure).ShouldBeNull();
        tracker.Record(ProbeResult.Success).ShouldBe(new ResultWrite("c1", ProbeResult.Success));
        tracker.Record(ProbeResult.Failure).ShouldBeNull();
        tracker.Record(ProbeResult.Failure).ShouldBe(new ResultWrite("c1", ProbeResult.Failure));
    }

    [Fact]
    public void Readiness_SuccessThreshold_StoredAfterThatManySuccesses_AndKeepsProbing()
    {
        var tracker = new ProbeTracker(ProbeKind.Readiness, Spec(success: 2, failure: 1), "main", false);
        tracker.Next(Entry(), Start);

        tracker.Record(ProbeResult.Success).ShouldBeNull();
        tracker.Record(ProbeResult.Success).ShouldBe(new ResultWrite("c1", ProbeResult.Success));
        tracker.Record(ProbeResult.Failure).ShouldBe(new ResultWrite("c1", ProbeResult.Failure));
        tracker.Next(Entry(), Start.AddSeconds(1)).RunProbe.ShouldBeTrue("readiness never holds");
    }

    [Theory]
    [InlineData("Liveness")]
    [InlineData("Readiness")]
    public void NotStartedYet_LivenessAndReadinessWait(string kindName)
    {
        var kind = Enum.Parse<ProbeKind>(kindName);
        var tracker = new ProbeTracker(kind, Spec(), "main", false);

        tracker.Next(Entry(started: false), Start.AddSeconds(30)).RunProbe.ShouldBeFalse();
        tracker.Next(Entry(started: true), Start.AddSeconds(31)).RunProbe.ShouldBeTrue();
    }

    [Fact]
    public void Startup_ProbesUntilStarted_ThenStops()
    {
        var tracker = new ProbeTracker(ProbeKind.Startup, Spec(), "main", false);

        tracker.Next(Entry(started: false), Start).RunProbe.ShouldBeTrue();
        tracker.Next(Entry(started: true), Start.AddSeconds(1)).RunProbe.ShouldBeFalse();
    }

    [Fact]
    public void Startup_AfterItsVerdict_HoldsUntilTheNextContainer()
    {
        var tracker = new ProbeTracker(ProbeKind.Startup, Spec(), "main", false);
        tracker.Next(Entry(started: false), Start);

        tracker.Record(ProbeResult.Success).ShouldBe(new ResultWrite("c1", ProbeResult.Success));

        // The status may still say "not started" until the pod's worker has synced: no probe meanwhile.
        tracker.Next(Entry(started: false), Start.AddSeconds(1)).RunProbe.ShouldBeFalse();
        tracker.Next(Entry(id: "containerd://c2", started: false), Start.AddSeconds(2)).RunProbe.ShouldBeTrue();
    }

    [Fact]
    public void ContainerNotRunning_FailsAndWaitsForTheRestart()
    {
        var tracker = new ProbeTracker(ProbeKind.Readiness, Spec(), "main", false);
        tracker.Next(Entry(), Start);

        var step = tracker.Next(Entry(running: false), Start.AddSeconds(1));

        step.Writes.ShouldBe([new ResultWrite("c1", ProbeResult.Failure)]);
        step.RunProbe.ShouldBeFalse();
        step.KeepGoing.ShouldBeTrue("restartPolicy Always: the container comes back");
    }

    [Fact]
    public void ContainerTerminated_RestartPolicyNever_WorkerEnds()
    {
        var tracker = new ProbeTracker(ProbeKind.Readiness, Spec(), "main", false);

        tracker.Next(Entry(running: false, restartPolicy: RestartPolicy.Never), Start).KeepGoing.ShouldBeFalse();
    }

    [Fact]
    public void SidecarTerminated_RestartPolicyNever_WorkerGoesOn()
    {
        var tracker = new ProbeTracker(ProbeKind.Readiness, Spec(), "main", sidecar: true);

        tracker.Next(Entry(running: false, restartPolicy: RestartPolicy.Never, asInit: true), Start).KeepGoing.ShouldBeTrue();
    }

    [Theory]
    [InlineData(PodPhase.Succeeded)]
    [InlineData(PodPhase.Failed)]
    public void PodFinished_WorkerEnds(string phase)
    {
        new ProbeTracker(ProbeKind.Readiness, Spec(), "main", false).Next(Entry(phase: phase), Start).KeepGoing.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Liveness")]
    [InlineData("Startup")]
    public void PodBeingDeleted_LivenessAndStartup_EndWithSuccess(string kindName)
    {
        var kind = Enum.Parse<ProbeKind>(kindName);
        var tracker = new ProbeTracker(kind, Spec(), "main", false);

        var step = tracker.Next(Entry(deleting: true, started: kind == ProbeKind.Liveness), Start);

        step.KeepGoing.ShouldBeFalse();
        step.Writes[^1].ShouldBe(new ResultWrite("c1", ProbeResult.Success));
    }

    [Fact]
    public void PodBeingDeleted_ReadinessGoesOn()
    {
        var tracker = new ProbeTracker(ProbeKind.Readiness, Spec(), "main", false);

        var step = tracker.Next(Entry(deleting: true), Start);

        step.RunProbe.ShouldBeTrue();
    }
}
