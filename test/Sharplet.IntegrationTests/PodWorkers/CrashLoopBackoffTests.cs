using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.PodWorkers;

[Collection(nameof(TimingSensitiveCollection))]
public sealed class CrashLoopBackoffTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync()
    {
        // Upstream's own knobs give the 1 s -> 2 s -> 4 s schedule: the reduced initial delay and a 4 s cap.
        var settings = SharpletNode.DefaultSettings("backoff");
        settings.FeatureGates["ReduceDefaultCrashLoopBackOffDecay"] = true;
        settings.CrashLoopMaxRestartPeriod = TimeSpan.FromSeconds(4);
        node = await SharpletNode.StartAsync(settings);
    }

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task CrashingContainer_RestartDelaysDoubleAndStopAtTheCap()
    {
        node.WriteManifest(new StaticPod("crash").Shell("main", "sleep 1; exit 1"));

        // The delay Sharplet chose for each restart is in the CrashLoopBackOff message ("back-off 2s ..."); the
        // gap between an instance's finish and the next one's start must be at least that long. (Exits are seen
        // by the 1 s relist, so gaps can be longer than the delay; never shorter.) A notification names the pod and
        // the test reads its status when it gets there, so each instance runs 1 s: twice as long for a loaded CI
        // machine to see it running (with 0.5 s, instance 3's run was missed once and its gap never recorded), and
        // short enough that a cycle (4 s delay, 1 s run, relist) stays under the 8 s after which the back-off resets.
        var statuses = node.Statuses.Subscribe();
        var delays = new SortedDictionary<int, string>();
        var gaps = new Dictionary<int, double>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (gaps.Count < 5)
        {
            await statuses.ReadAsync(timeout.Token);
            if (node.Find("crash") is not { } entry)
            {
                continue;
            }

            var main = SharpletNode.Container(entry, "main");
            if (main.State?.Waiting is { Reason: "CrashLoopBackOff", Message: { } message })
            {
                delays.TryAdd(main.RestartCount, message[..message.IndexOf(' ', 9)]);
            }

            if (main is { RestartCount: > 0, State.Running.StartedAt: { } started, LastState.Terminated.FinishedAt: { } finished })
            {
                gaps.TryAdd(main.RestartCount, (started - finished).TotalSeconds);
            }
        }

        var seen = $"delays [{string.Join(", ", delays.Select(d => $"{d.Key}: {d.Value}"))}], gaps [{string.Join(", ", gaps.OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Value:0.00}s"))}]";
        // Instance 2 waits 2 s before instance 3, and so on to the 4 s cap. (Instance 1's 1 s wait is often over
        // before its exit is even seen, so it may never show as CrashLoopBackOff; its gap below proves it.)
        delays.Where(d => d.Key is >= 2 and <= 4).Select(d => d.Value).ToArray().ShouldBe(["back-off 2s", "back-off 4s", "back-off 4s"], seen);
        if (delays.TryGetValue(1, out var first))
        {
            first.ShouldBe("back-off 1s", seen);
        }

        gaps[2].ShouldBeGreaterThanOrEqualTo(1 - 0.05, seen);
        gaps[3].ShouldBeGreaterThanOrEqualTo(2 - 0.05, seen);
        gaps[4].ShouldBeGreaterThanOrEqualTo(4 - 0.05, seen);
        gaps[5].ShouldBeInRange(4 - 0.05, 4 + 2.5, seen);
    }
}
