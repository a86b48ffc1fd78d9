using Sharplet.Api;
using Sharplet.KubeRuntime;
using Sharplet.Pods;
using Sharplet.TestSupport;

namespace Sharplet.Tests.KubeRuntime;

// The service variables in upstream's makeEnvironmentVariables: after the container's own, never over them,
// and available to $(VAR) expansion.
public sealed class ServiceEnvironmentTests
{
    private static readonly NodeContext Node = new("node-1", ["192.168.1.10"], new Dictionary<string, Quantity>(), 8L << 30, new Dictionary<string, string>());

    private readonly FakeServiceSource services = new()
    {
        Services =
        [
            FakeServiceSource.Service("default", "kubernetes", "10.96.0.1", ("https", 443, "TCP")),
            FakeServiceSource.Service("default", "web", "10.96.3.3", (null, 80, "TCP")),
        ],
    };

    private async Task<List<KeyValuePair<string, string>>> Build(Pod pod) =>
        [.. await new EnvironmentBuilder(new NoApiObjectSource(), services).BuildAsync(pod, pod.Spec!.Containers![0], Node, [], CancellationToken.None)];

    [Fact]
    public async Task ServiceVariables_ComeAfterTheContainersOwn_SortedByName()
    {
        var pod = new PodBuilder().Container("a", c => c.Env = [new EnvVar { Name = "Z_FIRST", Value = "1" }]).Build();

        var env = await Build(pod);

        env[0].ShouldBe(KeyValuePair.Create("Z_FIRST", "1"));
        env.Skip(1).Select(kv => kv.Key).ShouldBe(env.Skip(1).Select(kv => kv.Key).Order(StringComparer.Ordinal));
        env.ShouldContain(KeyValuePair.Create("KUBERNETES_SERVICE_HOST", "10.96.0.1"));
        env.ShouldContain(KeyValuePair.Create("WEB_PORT", "tcp://10.96.3.3:80"));
    }

    [Fact]
    public async Task ContainersOwnVariable_WinsOverTheServiceVariable_AndAppearsOnce()
    {
        var pod = new PodBuilder().Container("a", c => c.Env = [new EnvVar { Name = "KUBERNETES_SERVICE_HOST", Value = "override" }]).Build();

        var env = await Build(pod);

        env.Where(kv => kv.Key == "KUBERNETES_SERVICE_HOST").ShouldBe([KeyValuePair.Create("KUBERNETES_SERVICE_HOST", "override")]);
    }

    [Fact]
    public async Task Expansion_SeesServiceVariables()
    {
        var pod = new PodBuilder().Container("a", c => c.Env = [new EnvVar { Name = "API", Value = "https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)" }]).Build();

        (await Build(pod)).ShouldContain(KeyValuePair.Create("API", "https://10.96.0.1:443"));
    }

    [Fact]
    public async Task EnableServiceLinksFalse_KeepsOnlyTheKubernetesService()
    {
        var pod = new PodBuilder().Container("a").Spec(s => s.EnableServiceLinks = false).Build();

        var env = await Build(pod);

        env.ShouldContain(KeyValuePair.Create("KUBERNETES_SERVICE_HOST", "10.96.0.1"));
        env.ShouldNotContain(kv => kv.Key.StartsWith("WEB_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAnApiServer_NoServiceVariables()
    {
        services.Services = null;

        (await Build(new PodBuilder().Container("a").Build())).ShouldBeEmpty();
    }

    [Fact]
    public async Task ApiPodsWaitForTheFirstServiceList_StaticPodsDoNot()
    {
        var api = new PodBuilder().Container("a").Build();
        var staticPod = new PodBuilder().Container("a").Meta(m => m.Annotations = new Dictionary<string, string> { [ConfigAnnotations.Source] = ConfigAnnotations.FileSource }).Build();

        await Build(api);
        await Build(staticPod);

        services.Waits.ShouldBe([true, false]);
    }
}
