using System.Text.Json;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.ConnectedPods;

// The kubelet's events about pods land in the API as core/v1 Events, repeats counted on one event.
public sealed class ApiEventTests : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("apievents", s =>
    {
        s.FeatureGates["ReduceDefaultCrashLoopBackOffDecay"] = true;
        s.CrashLoopMaxRestartPeriod = TimeSpan.FromSeconds(2);
    });

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task CrashLoopingPod_EventsWithUpstreamReasonsAndCountsAppear()
    {
        var ns = cluster.Namespace;
        var created = await cluster.CreateAsync(cluster.Pod("crashy", "sh", "-c", "exit 1"));

        var events = await WaitForEventsAsync(ns, "BackOff counted at least twice and Started at least three times", list =>
            list.Any(e => e.Reason == "BackOff" && e.Count >= 2) && list.Any(e => e.Reason == "Started" && e.Count >= 3));

        var started = events.Single(e => e.Reason == "Started");
        started.Type.ShouldBe("Normal");
        started.Message.ShouldBe("Started container c");
        started.InvolvedObject!.Kind.ShouldBe("Pod");
        started.InvolvedObject.Name.ShouldBe("crashy");
        started.InvolvedObject.Uid.ShouldBe(created.Metadata!.Uid);
        started.InvolvedObject.FieldPath.ShouldBe("spec.containers{c}");
        started.Source!.Component.ShouldBe("kubelet");
        started.Source.Host.ShouldBe(cluster.NodeName);
        started.LastTimestamp!.Value.ShouldBeGreaterThan(started.FirstTimestamp!.Value);

        var backOff = events.Single(e => e.Reason == "BackOff");
        backOff.Type.ShouldBe("Warning");
        backOff.Message.ShouldStartWith("Back-off restarting failed container c in pod crashy_" + ns);
        backOff.InvolvedObject!.FieldPath.ShouldBe("spec.containers{c}");

        // One object per distinct message: repeats are counted, never posted again.
        events.Where(e => e.Reason == "Created").ShouldHaveSingleItem();
        events.ShouldContain(e => e.Reason == "Pulled" || e.Reason == "Pulling");
    }

    // Events have no watch helper here: the crash loop changes the pod's status every second or so, and each
    // change is a moment to look again.
    private async Task<IReadOnlyList<Event>> WaitForEventsAsync(string ns, string what, Func<IReadOnlyList<Event>, bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        IReadOnlyList<Event> events = [];
        while (true)
        {
            var next = cluster.Node.Statuses.NextChange;
            events = await ListEventsAsync(ns);
            if (condition(events))
            {
                return events;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"events in {ns} did not show \"{what}\" within 60s; events: " +
                    string.Join("; ", events.Select(e => $"{e.Reason} x{e.Count}: {e.Message}")));
            }
        }
    }

    private async Task<IReadOnlyList<Event>> ListEventsAsync(string ns)
    {
        using var response = await cluster.Admin.SendAsync(new KubeRequest(HttpMethod.Get, $"/api/v1/namespaces/{ns}/events"), CancellationToken.None);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => KubeJson.Deserialize<Event>(i.GetRawText(), KubeJson.Lenient)!)
            .ToList();
    }
}
