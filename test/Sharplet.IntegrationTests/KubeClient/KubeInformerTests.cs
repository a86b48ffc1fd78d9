using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.KubeClient;

// The informer against the real API server, as the kubelet uses it: its node identity watching pods with
// fieldSelector spec.nodeName=<node> (here also limited to a namespace of the test's own, since other classes
// put pods on the same node), while the admin makes the changes.
public sealed class KubeInformerTests : IAsyncLifetime, IDisposable
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private readonly KubeApiClient node = TestApiServer.Client(KubeconfigLoader.Load(TestApiServer.NodeKubeconfig));
    private readonly ListLogger log = new();
    private readonly CancellationTokenSource stop = new();
    private string ns = string.Empty;

    public async Task InitializeAsync() => ns = await TestApiServer.CreateNamespaceAsync(admin, "kc-inf");

    public Task DisposeAsync() => stop.CancelAsync();

    public void Dispose()
    {
        stop.Dispose();
        node.Dispose();
        admin.Dispose();
    }

    private KubeInformer<Pod, PodList> Informer(InformerOptions? options = null) =>
        new(node, KubeLists.Pods, (options ?? new InformerOptions()) with { Namespace = ns, FieldSelector = $"spec.nodeName={TestApiServer.NodeName}" }, TimeProvider.System, log);

    private static async Task<string> Next(KubeInformer<Pod, PodList> informer, string waitingFor)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            var e = await informer.Events.ReadAsync(timeout.Token);
            return e.Object is null ? e.Type.ToString() : $"{e.Type} {e.Object.Metadata!.Name}";
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no informer event within 20 s while waiting for {waitingFor}");
        }
    }

    private Task<Pod> CreatePod(string name, string nodeName) =>
        admin.CreateAsync(KubeResources.Pods, ns, TestApiServer.TestPod(name, ns, nodeName), CancellationToken.None);

    private Task<Pod> Label(string name, string value) =>
        admin.PatchAsync(KubeResources.Pods, ns, name, KubePatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["step"] = value } } }), CancellationToken.None);

    private Task<Pod?> Delete(string name) =>
        admin.DeleteAsync(KubeResources.Pods, ns, name, new DeleteOptions { GracePeriodSeconds = 0 }, CancellationToken.None);

    [Fact]
    public async Task Informer_SeesAddModifyDeleteOfItsNodesPodsOnly()
    {
        await CreatePod("before", TestApiServer.NodeName);
        await CreatePod("elsewhere", "some-other-node");
        var informer = Informer();
        var run = informer.RunAsync(stop.Token);

        (await Next(informer, "the first list")).ShouldBe("Added before");
        (await Next(informer, "synced")).ShouldBe("Synced");
        informer.Synced.IsCompletedSuccessfully.ShouldBeTrue();

        await CreatePod("p1", TestApiServer.NodeName);
        (await Next(informer, "p1 added")).ShouldBe("Added p1");
        await Label("p1", "one");
        await Label("elsewhere", "one");
        (await Next(informer, "p1 labelled")).ShouldBe("Modified p1");
        await Delete("p1");

        // Even with gracePeriodSeconds=0 the server first records the deletion (deletionTimestamp), then removes the pod.
        (await Next(informer, "p1 marked for deletion")).ShouldBe("Modified p1");
        (await Next(informer, "p1 deleted")).ShouldBe("Deleted p1");

        await Task.Delay(500);
        informer.Events.TryRead(out var extra).ShouldBeFalse($"unexpected event {extra?.Type} {extra?.Object?.Metadata?.Name}");
        informer.Store.List().Select(p => p.Metadata!.Name).ShouldBe(["before"]);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Fact]
    public async Task Informer_ServerEndingEveryWatch_MissesAndRepeatsNothing()
    {
        // timeoutSeconds=1: the server ends each watch after a second, so the changes below straddle many re-watches.
        var informer = Informer(new InformerOptions
        {
            MinWatchTimeout = TimeSpan.FromSeconds(1),
            MaxWatchTimeout = TimeSpan.FromSeconds(1),
            MinHealthyWatch = TimeSpan.FromMilliseconds(100),
        });
        var run = informer.RunAsync(stop.Token);
        (await Next(informer, "synced")).ShouldBe("Synced");

        var names = Enumerable.Range(0, 8).Select(i => $"p{i}").ToList();
        foreach (var name in names)
        {
            await CreatePod(name, TestApiServer.NodeName);
            await Task.Delay(150);
        }

        foreach (var name in names)
        {
            await Label(name, "x");
            await Task.Delay(150);
        }

        foreach (var name in names)
        {
            await Delete(name);
            await Task.Delay(150);
        }

        var seen = new List<string>();
        for (var i = 0; i < names.Count * 4; i++)
        {
            seen.Add(await Next(informer, $"event {i + 1} of {names.Count * 4} (seen: {string.Join(", ", seen)})"));
        }

        // Each delete is a Modified (deletionTimestamp set) followed by the Deleted.
        seen.ShouldBe([
            .. names.Select(n => $"Added {n}"),
            .. names.Select(n => $"Modified {n}"),
            .. names.SelectMany(n => (string[])[$"Modified {n}", $"Deleted {n}"]),
        ]);
        await Task.Delay(1500);
        informer.Events.TryRead(out var extra).ShouldBeFalse($"unexpected event {extra?.Type} {extra?.Object?.Metadata?.Name}");

        var lines = log.Lines.ToArray();
        lines.Count(l => l.Contains("ended by the server", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3, string.Join('\n', lines));
        lines.Count(l => l.Contains("Listed pods", StringComparison.Ordinal)).ShouldBe(1, string.Join('\n', lines));
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Fact]
    public async Task Informer_StartedFromAnEmptyNamespace_SyncsAtOnce()
    {
        var informer = Informer();
        var run = informer.RunAsync(stop.Token);

        await informer.Synced.WaitAsync(TimeSpan.FromSeconds(20));

        (await Next(informer, "synced")).ShouldBe("Synced");
        informer.ResourceVersion.ShouldNotBeNullOrEmpty();
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }
}
