using System.Globalization;
using System.Text.Json;
using Sharplet.Api;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Eviction;

// Memory-pressure eviction end to end on the real containerd and API server, without allocating memory (other
// tests share the machine): memory.available's hard threshold is set just under the machine's memory, which the
// node's real working set always crosses. The eviction manager then evicts as upstream ranks for memory: the
// BestEffort pod first, the Guaranteed one next, and never the critical (static) pod; the node reports
// MemoryPressure, records EvictionThresholdMet, and admission refuses BestEffort pods that do not tolerate it.
public sealed class MemoryEvictionTests : IAsyncLifetime
{
    private static readonly string Threshold = string.Create(CultureInfo.InvariantCulture, $"{MemTotalKi() - (512 << 10)}Ki");

    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("memevict", s =>
    {
        // memory.available < total - 512Mi: met whenever the node's working set is above 512Mi, always on this
        // machine with containerd, the API server and the other tests' pods running.
        s.EvictionHard = new Dictionary<string, string> { ["memory.available"] = Threshold };
        s.EvictionPressureTransitionPeriod = TimeSpan.FromSeconds(5);
        s.NodeStatusUpdateFrequency = TimeSpan.FromSeconds(1);
    });

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task ThresholdCrossed_BestEffortEvictedBeforeGuaranteed_CriticalStaticPodKept_NodeReportsMemoryPressure()
    {
        var ns = cluster.Namespace;
        cluster.Node.WriteManifest(new StaticPod("keeper").GracePeriod(0).Busybox("c", "sleep", "3600").With(c => c.Resources = new ResourceRequirements
        {
            Requests = PodBuilder.Resources(("cpu", "10m"), ("memory", "32Mi")),
            Limits = PodBuilder.Resources(("cpu", "10m"), ("memory", "32Mi")),
        }));
        var steady = cluster.Pod("steady");
        steady.Spec!.Containers![0].Resources = new ResourceRequirements
        {
            Requests = new() { ["cpu"] = Quantity.Parse("10m"), ["memory"] = Quantity.Parse("32Mi") },
            Limits = new() { ["cpu"] = Quantity.Parse("10m"), ["memory"] = Quantity.Parse("32Mi") },
        };
        // The pressure is there from the node's first pass: a BestEffort pod is admitted only because it tolerates
        // the memory-pressure taint (upstream's admission rule); the Guaranteed one is admitted anyway.
        var hogPod = cluster.Pod("hog");
        hogPod.Spec!.Tolerations = [new Toleration { Key = "node.kubernetes.io/memory-pressure", Operator = "Exists", Effect = "NoSchedule" }];
        await cluster.CreateAsync(hogPod);
        await cluster.CreateAsync(steady);

        var (_, hog) = await cluster.Watch.WaitForAsync(ns, "hog", "phase Failed, reason Evicted", p => p?.Status?.Reason == "Evicted", TimeSpan.FromSeconds(90));
        var (_, guaranteed) = await cluster.Watch.WaitForAsync(ns, "steady", "phase Failed, reason Evicted", p => p?.Status?.Reason == "Evicted", TimeSpan.FromSeconds(90));

        hog!.Status!.Phase.ShouldBe("Failed");
        // The container sentence ("Container c was using ...") only comes once the pod has stats, which the first
        // pass may not have yet.
        hog.Status.Message.ShouldStartWith($"The node was low on resource: memory. Threshold quantity: {Threshold}, available: ");
        hog.Status.Conditions!.ShouldContain(c => c.Type == "DisruptionTarget" && c.Status == "True" && c.Reason == "TerminationByKubelet");
        guaranteed!.Status!.Phase.ShouldBe("Failed");

        // The order is the manager's: one pod per pass, the BestEffort one first.
        var evictions = cluster.Node.Log.Where(l => l.Contains("the eviction manager evicts it for memory.available", StringComparison.Ordinal)).ToList();
        evictions.Count.ShouldBeGreaterThanOrEqualTo(2);
        evictions[0].ShouldContain($"pod {ns}/hog ");
        evictions[1].ShouldContain($"pod {ns}/steady ");

        // The static pod is critical: skipped, and still running.
        var keeper = cluster.Node.PodName("keeper");
        var entry = await cluster.Node.WaitForAsync("keeper", "keeper running", e => e.Status.Phase == "Running");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (!cluster.Node.Log.Any(l => l.Contains($"/{keeper} (", StringComparison.Ordinal) && l.Contains("cannot evict a critical pod", StringComparison.Ordinal)))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"pod {keeper}: the eviction manager did not skip it as critical within 40s; its lines: "
                + string.Join(" | ", cluster.Node.Log.Where(l => l.Contains("viction", StringComparison.Ordinal) || l.Contains(keeper, StringComparison.Ordinal)).TakeLast(20)));
            await Task.Delay(200);
        }

        cluster.Node.Find("keeper")!.Status.Phase.ShouldBe("Running");
        entry.Status.Reason.ShouldBeNull();

        await NodeConditions.WaitForAsync(cluster, "MemoryPressure", "True", "KubeletHasInsufficientMemory");
        var events = await NodeEventsAsync();
        events.ShouldContain(e => e.Reason == "EvictionThresholdMet" && e.Type == "Warning" && e.Message == "Attempting to reclaim memory"
            && e.InvolvedObject!.Kind == "Node" && e.Source!.Component == "kubelet");

        // Under memory pressure admission refuses BestEffort pods.
        await cluster.CreateAsync(cluster.Pod("late"));
        var (_, refused) = await cluster.Watch.WaitForAsync(ns, "late", "refused under memory pressure", p => p?.Status?.Phase == "Failed", TimeSpan.FromSeconds(60));
        refused!.Status!.Reason.ShouldBe("Evicted");
        refused.Status.Message.ShouldBe("Pod was rejected: The node had condition: [MemoryPressure]. ");
    }

    private static long MemTotalKi()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private async Task<IReadOnlyList<Event>> NodeEventsAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<Event> events = [];
        while (DateTime.UtcNow < deadline)
        {
            using var response = await cluster.Admin.SendAsync(
                new KubeRequest(HttpMethod.Get, $"/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D{cluster.NodeName}"), CancellationToken.None);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            events = doc.RootElement.GetProperty("items").EnumerateArray().Select(i => KubeJson.Deserialize<Event>(i.GetRawText(), KubeJson.Lenient)!).ToList();
            if (events.Count > 0)
            {
                return events;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"node {cluster.NodeName}: no event about it in namespace default within 30s");
    }
}
