using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.KubeRuntime;

public sealed class EnvironmentTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync() => node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("env"));

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task Env_ValuesFieldRefsExpansionAndResources_ReachTheContainer()
    {
        node.WriteManifest(new StaticPod("env").Label("tier", "backend").RestartPolicy(RestartPolicy.Never)
            .Shell("main", "echo \"$GREETING|$POD_NAME|$NS|$TIER|$NODE|$POD_IP|$MEM|$(LITERAL)\" > /dev/termination-log")
            .With(c =>
            {
                c.Env =
                [
                    new EnvVar { Name = "NAME", Value = "world" },
                    new EnvVar { Name = "GREETING", Value = "hello $(NAME)" },
                    Field("POD_NAME", "metadata.name"),
                    Field("NS", "metadata.namespace"),
                    Field("TIER", "metadata.labels['tier']"),
                    Field("NODE", "spec.nodeName"),
                    Field("POD_IP", "status.podIP"),
                    new EnvVar { Name = "MEM", ValueFrom = new EnvVarSource { ResourceFieldRef = new ResourceFieldSelector { Resource = "limits.memory", Divisor = Quantity.Parse("1Mi") } } },
                ];
                c.Resources = new ResourceRequirements { Limits = PodBuilder.Resources(("memory", "64Mi")) };
            }));

        var entry = await node.WaitForAsync("env", "finished", e => e.Status.Phase is PodPhase.Succeeded or PodPhase.Failed);

        var parts = SharpletNode.Container(entry, "main").State!.Terminated!.Message!.TrimEnd('\n').Split('|');
        parts[0].ShouldBe("hello world");
        parts[1].ShouldBe(node.PodName("env"));
        parts[2].ShouldBe("default");
        parts[3].ShouldBe("backend");
        parts[4].ShouldBe(node.NodeName);
        parts[5].ShouldBe(entry.Status.PodIP);
        parts[6].ShouldBe("64");
    }

    [Fact]
    public async Task ConfigMapReference_WithoutApiServer_CreateContainerConfigErrorNamingIt()
    {
        node.WriteManifest(new StaticPod("cm").Busybox("main", "sleep", "3600")
            .With(c => c.Env = [new EnvVar { Name = "X", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "settings", Key = "x" } } }]));

        var entry = await node.WaitForAsync("cm", "CreateContainerConfigError",
            e => SharpletNode.Container(e, "main").State?.Waiting?.Reason == "CreateContainerConfigError");

        SharpletNode.Container(entry, "main").State!.Waiting!.Message!.ShouldContain("configmap \"settings\"");
    }

    private static EnvVar Field(string name, string fieldPath) =>
        new() { Name = name, ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = fieldPath } } };
}
