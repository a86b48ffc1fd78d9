using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.Pods;

namespace Sharplet.IntegrationTests.ConnectedPods;

// Service environment variables from the node's watch of Services: the default namespace's `kubernetes`
// Service always, the pod's namespace's Services with enableServiceLinks (the default).
public sealed class ApiServiceEnvTests : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("svcenv");

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task ServiceVariables_KubernetesAlways_NamespaceServicesOnlyWithServiceLinks()
    {
        var ns = cluster.Namespace;
        var web = await cluster.Admin.CreateAsync(KubeResources.Services, ns, new Service
        {
            Metadata = new ObjectMeta { Name = "web-front" },
            Spec = new ServiceSpec { Ports = [new ServicePort { Name = "http", Number = 80, Protocol = Protocol.Tcp }] },
        }, CancellationToken.None);
        var kubernetes = await cluster.Admin.GetAsync(KubeResources.Services, "default", "kubernetes", CancellationToken.None);
        var webIp = web.Spec!.ClusterIP!;
        var apiIp = kubernetes.Spec!.ClusterIP!;
        await WaitUntilTheNodeKnowsAsync(ns, "web-front");

        var linked = cluster.Pod("linked", "sh", "-c", "env > /dev/termination-log");
        linked.Spec!.RestartPolicy = "Never";
        var unlinked = cluster.Pod("unlinked", "sh", "-c", "env > /dev/termination-log");
        unlinked.Spec!.RestartPolicy = "Never";
        unlinked.Spec.EnableServiceLinks = false;
        await cluster.CreateAsync(linked);
        await cluster.CreateAsync(unlinked);

        var withLinks = await EnvironmentOfAsync(ns, "linked");
        var withoutLinks = await EnvironmentOfAsync(ns, "unlinked");

        foreach (var env in new[] { withLinks, withoutLinks })
        {
            env["KUBERNETES_SERVICE_HOST"].ShouldBe(apiIp);
            env["KUBERNETES_SERVICE_PORT"].ShouldBe("443");
            env["KUBERNETES_SERVICE_PORT_HTTPS"].ShouldBe("443");
            env["KUBERNETES_PORT"].ShouldBe($"tcp://{apiIp}:443");
            env["KUBERNETES_PORT_443_TCP_ADDR"].ShouldBe(apiIp);
        }

        withLinks["WEB_FRONT_SERVICE_HOST"].ShouldBe(webIp);
        withLinks["WEB_FRONT_SERVICE_PORT"].ShouldBe("80");
        withLinks["WEB_FRONT_SERVICE_PORT_HTTP"].ShouldBe("80");
        withLinks["WEB_FRONT_PORT"].ShouldBe($"tcp://{webIp}:80");
        withLinks["WEB_FRONT_PORT_80_TCP"].ShouldBe($"tcp://{webIp}:80");
        withLinks["WEB_FRONT_PORT_80_TCP_PROTO"].ShouldBe("tcp");
        withLinks["WEB_FRONT_PORT_80_TCP_PORT"].ShouldBe("80");
        withLinks["WEB_FRONT_PORT_80_TCP_ADDR"].ShouldBe(webIp);
        withoutLinks.Keys.ShouldNotContain(k => k.StartsWith("WEB_FRONT_", StringComparison.Ordinal));
    }

    // The variables come from the node's Service informer, which sees a new Service a moment after the API
    // does (upstream has the same ordering requirement); waiting on the informer keeps the test exact.
    private async Task WaitUntilTheNodeKnowsAsync(string ns, string name)
    {
        var source = cluster.Node.Service<ApiServiceSource>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!(await source.ListAsync(waitForSync: true, deadline.Token))!.Any(s => s.Metadata?.Namespace == ns && s.Metadata.Name == name))
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private async Task<Dictionary<string, string>> EnvironmentOfAsync(string ns, string name)
    {
        var (_, done) = await cluster.Watch.WaitForAsync(ns, name, "phase Succeeded", p => p?.Status?.Phase == PodPhase.Succeeded, TimeSpan.FromSeconds(60));
        var message = ConnectedCluster.Container(done)!.State!.Terminated!.Message!;
        return message.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
    }
}
