using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sharplet.Api;
using Sharplet.ProbeResults;
using Sharplet.Prober;
using Sharplet.Statuses;
using Sharplet.TestSupport;
using ContainerStatus = Sharplet.Api.ContainerStatus;

namespace Sharplet.Tests.Prober;

// The probe loop on a fake clock: first run after the jitter, then every period, a trigger runs at once and
// restarts the period, verdict changes are reported once, and stopping forgets the verdict.
public sealed class ProbeWorkerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    private readonly TimerWatchingTimeProvider time = new(Start);
    private readonly ProbeResultsCache results = new();
    private readonly ProbeCounters counters = new();
    private readonly ConcurrentQueue<(ProbeKind Kind, string ContainerId, ProbeResult Result)> changes = new();
    private readonly Container container = new() { Name = "main" };
    private readonly PodStatusEntry entry;

    public ProbeWorkerTests()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "default", Uid = "u1" },
            Spec = new PodSpec { RestartPolicy = RestartPolicy.Always, Containers = [container] },
        };
        var status = new PodStatus
        {
            Phase = PodPhase.Running,
            ContainerStatuses =
            [
                new ContainerStatus
                {
                    Name = "main",
                    ContainerID = "containerd://c1",
                    Started = true,
                    State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Start } },
                },
            ],
        };
        entry = new PodStatusEntry(pod, status, 1);
    }

    private ProbeWorker Worker(ProbeKind kind, IContainerProber prober, TimeSpan firstRunDelay, int failureThreshold = 3, ILogger? logger = null)
    {
        var probe = new Probe { Exec = new ExecAction { Command = ["true"] }, PeriodSeconds = (int)Period.TotalSeconds, FailureThreshold = failureThreshold, SuccessThreshold = 1 };
        var context = new ProbeWorkerContext(_ => entry, prober, results, counters, (key, id, result) => changes.Enqueue((key.Kind, id, result)), time, logger ?? NullLogger.Instance);
        return new ProbeWorker(new ProbeKey("u1", "main", kind), entry.Pod, container, probe, false, firstRunDelay, context, _ => { });
    }

    [Fact]
    public async Task FirstRun_WaitsForTheJitterThenRunsEveryPeriod()
    {
        var prober = new ScriptedProber(time);
        var worker = Worker(ProbeKind.Readiness, prober, TimeSpan.FromSeconds(4));
        worker.Start(CancellationToken.None);

        await time.NextTimerAsync("the jitter delay");
        time.Advance(TimeSpan.FromSeconds(4) - TimeSpan.FromMilliseconds(1));
        time.Advance(TimeSpan.FromMilliseconds(1));
        var first = await prober.NextRunAsync("the first run after 4 s of jitter");
        await time.NextTimerAsync("the first period");
        time.Advance(Period);
        var second = await prober.NextRunAsync("the run one period later");
        await time.NextTimerAsync("the second period");
        time.Advance(Period);
        var third = await prober.NextRunAsync("the run two periods later");

        first.ShouldBe(Start.AddSeconds(4));
        second.ShouldBe(first + Period);
        third.ShouldBe(first + (2 * Period));
        worker.Stop();
        await worker.Completion;
    }

    [Fact]
    public async Task Trigger_RunsAtOnceAndRestartsThePeriod()
    {
        var prober = new ScriptedProber(time);
        var worker = Worker(ProbeKind.Readiness, prober, TimeSpan.Zero);
        worker.Start(CancellationToken.None);
        var first = await prober.NextRunAsync("the first run");
        await time.NextTimerAsync("the first period");

        time.Advance(TimeSpan.FromSeconds(3));
        worker.Trigger();
        var triggered = await prober.NextRunAsync("the triggered run");
        await time.NextTimerAsync("the period after the trigger");
        time.Advance(Period - TimeSpan.FromSeconds(3));
        time.Advance(TimeSpan.FromSeconds(3));
        var next = await prober.NextRunAsync("the run a period after the trigger");

        triggered.ShouldBe(first.AddSeconds(3));
        next.ShouldBe(triggered + Period, "the trigger restarts the period; the old tick at first+10s must not run");
        worker.Stop();
        await worker.Completion;
    }

    [Fact]
    public async Task ReadinessInitialFailure_IsAnnouncedButNeverLoggedAsAVerdict()
    {
        var log = new CapturingLogger<ProbeWorker>();
        var prober = new ScriptedProber(time);
        prober.Then(ProbeResult.Success, ProbeResult.Failure);
        var worker = Worker(ProbeKind.Readiness, prober, TimeSpan.Zero, failureThreshold: 1, logger: log);
        worker.Start(CancellationToken.None);
        await prober.NextRunAsync("the first run (Success)");
        await time.NextTimerAsync("the first period");
        time.Advance(Period);
        await prober.NextRunAsync("the second run (Failure)");
        await time.NextTimerAsync("the second period");

        // The initial Failure is announced (the status starts not ready, as upstream's results manager sends it)...
        changes.First().ShouldBe((ProbeKind.Readiness, "containerd://c1", ProbeResult.Failure));

        // ...but only what the probes found is logged, naming the pod as namespace/name (uid).
        log.Lines.ShouldBe([
            "pod default/p (u1): Readiness probe of container main is now Success",
            "pod default/p (u1): Readiness probe of container main is now Failure",
        ]);
        worker.Stop();
        await worker.Completion;
    }

    [Fact]
    public async Task LivenessFailures_ChangeReportedOnceAtTheThreshold()
    {
        var prober = new ScriptedProber(time, otherwise: ProbeResult.Failure);
        var worker = Worker(ProbeKind.Liveness, prober, TimeSpan.Zero, failureThreshold: 2);
        worker.Start(CancellationToken.None);
        await prober.NextRunAsync("the first failure");
        await time.NextTimerAsync("the first period");
        changes.ToArray().ShouldBe([(ProbeKind.Liveness, "containerd://c1", ProbeResult.Success)], "only the initial value so far");
        results.Liveness("c1").ShouldBe(ProbeResult.Success);

        time.Advance(Period);
        await prober.NextRunAsync("the second failure");
        await time.NextTimerAsync("the period after the threshold");

        changes.Last().ShouldBe((ProbeKind.Liveness, "containerd://c1", ProbeResult.Failure));
        changes.Count.ShouldBe(2);
        results.Liveness("c1").ShouldBe(ProbeResult.Failure);
        counters.Snapshot().ShouldHaveSingleItem().ShouldBe(new ProbeCounterSample("Liveness", "failed", "main", "p", "default", "u1", 2));
        worker.Stop();
        await worker.Completion;
    }

    [Fact]
    public async Task ErroredProbe_VerdictThrownAway()
    {
        var prober = new ScriptedProber(time, otherwise: null);
        var worker = Worker(ProbeKind.Liveness, prober, TimeSpan.Zero, failureThreshold: 1);
        worker.Start(CancellationToken.None);
        await prober.NextRunAsync("the errored run");
        await time.NextTimerAsync("the first period");

        results.Liveness("c1").ShouldBe(ProbeResult.Success);
        counters.Snapshot().ShouldBeEmpty();
        worker.Stop();
        await worker.Completion;
    }

    [Fact]
    public async Task Stop_EndsTheWorkerAndForgetsItsVerdictAndCounters()
    {
        var prober = new ScriptedProber(time, otherwise: ProbeResult.Success);
        var worker = Worker(ProbeKind.Readiness, prober, TimeSpan.Zero);
        worker.Start(CancellationToken.None);
        await prober.NextRunAsync("the first run");
        await time.NextTimerAsync("the first period");
        results.Readiness("c1").ShouldBe(ProbeResult.Success);

        worker.Stop();
        await worker.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        results.Readiness("c1").ShouldBe(ProbeResult.Failure, "back to readiness's initial value");
        counters.Snapshot().ShouldBeEmpty();
        prober.RanAgain.ShouldBeFalse();
    }
}
