using System.Text;
using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;
using Sharplet.Pods;
using Sharplet.TestSupport;

namespace Sharplet.Tests.KubeRuntime;

// upstream makeEnvironmentVariables: envFrom, then env in order with $(VAR) expansion, downward API fields and
// resources, config map and secret keys.
public sealed class EnvironmentBuilderTests
{
    private static readonly NodeContext Node = new(
        "node-1", ["192.168.1.10", "fd00::10"], PodBuilder.Resources(("cpu", "4"), ("memory", "8Gi"), ("ephemeral-storage", "100Gi")),
        8L << 30, new Dictionary<string, string>());

    private static readonly string[] PodIps = ["10.1.0.5", "fd01::5"];

    private sealed class FakeObjects(string? unavailable = null) : IPodObjectSource
    {
        public Dictionary<string, ConfigMap> ConfigMaps { get; } = [];

        public Dictionary<string, Secret> Secrets { get; } = [];

        public string? UnavailableReason => unavailable;

        public Task<ConfigMap?> GetConfigMapAsync(string @namespace, string name, CancellationToken cancellationToken) =>
            Task.FromResult(ConfigMaps.GetValueOrDefault($"{@namespace}/{name}"));

        public Task<Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken) =>
            Task.FromResult(Secrets.GetValueOrDefault($"{@namespace}/{name}"));
    }

    private readonly FakeObjects objects = new();

    private readonly FakeServiceSource services = new();

    public EnvironmentBuilderTests()
    {
        objects.ConfigMaps["default/app"] = new ConfigMap { Data = new Dictionary<string, string> { ["MODE"] = "fast", ["LEVEL"] = "3" } };
        objects.Secrets["default/db"] = new Secret { Data = new Dictionary<string, byte[]> { ["PASSWORD"] = Encoding.UTF8.GetBytes("s3cret") } };
    }

    private static Pod Pod(Action<Container> configure) => new PodBuilder()
        .Meta(m =>
        {
            m.Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" };
            m.Annotations = new Dictionary<string, string> { ["owner"] = "team-a" };
        })
        .Spec(s => s.ServiceAccountName = "builder")
        .Container("a", configure)
        .Build();

    private static EnvVar Field(string name, string path) => new() { Name = name, ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = path } } };

    private async Task<List<KeyValuePair<string, string>>> Build(Pod pod, IPodObjectSource? source = null) =>
        [.. await new EnvironmentBuilder(source ?? objects, services).BuildAsync(pod, pod.Spec!.Containers![0], Node, PodIps, CancellationToken.None)];

    [Fact]
    public async Task EnvFromThenEnv_LaterNamesWin_InFirstDefinitionOrder()
    {
        var pod = Pod(c =>
        {
            c.EnvFrom =
            [
                new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "app" } },
                new EnvFromSource { Prefix = "DB_", SecretRef = new SecretEnvSource { Name = "db" } },
            ];
            c.Env = [new EnvVar { Name = "MODE", Value = "slow" }, new EnvVar { Name = "EXTRA", Value = "x" }];
        });

        var env = await Build(pod);

        env.ShouldBe(
        [
            KeyValuePair.Create("MODE", "slow"),
            KeyValuePair.Create("LEVEL", "3"),
            KeyValuePair.Create("DB_PASSWORD", "s3cret"),
            KeyValuePair.Create("EXTRA", "x"),
        ]);
    }

    [Fact]
    public async Task Values_ExpandVariablesDefinedBefore()
    {
        var pod = Pod(c =>
        {
            c.EnvFrom = [new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "app" } }];
            c.Env =
            [
                new EnvVar { Name = "URL", Value = "http://$(HOST):$(PORT)/$(MODE)" },
                new EnvVar { Name = "HOST", Value = "db" },
                new EnvVar { Name = "DSN", Value = "$(HOST)/$(MODE) $$(HOST)" },
                Field("POD", "metadata.name"),
                new EnvVar { Name = "WHO", Value = "$(POD)" },
            ];
        });

        var env = (await Build(pod)).ToDictionary();

        env["URL"].ShouldBe("http://$(HOST):$(PORT)/fast");
        env["DSN"].ShouldBe("db/fast $(HOST)");
        env["WHO"].ShouldBe("web");
    }

    [Theory]
    [InlineData("metadata.name", "web")]
    [InlineData("metadata.namespace", "default")]
    [InlineData("metadata.uid", "uid-1")]
    [InlineData("metadata.labels['tier']", "front")]
    [InlineData("metadata.labels['missing']", "")]
    [InlineData("metadata.annotations['owner']", "team-a")]
    [InlineData("spec.nodeName", "node-1")]
    [InlineData("spec.serviceAccountName", "builder")]
    [InlineData("status.hostIP", "192.168.1.10")]
    [InlineData("status.hostIPs", "192.168.1.10,fd00::10")]
    [InlineData("status.podIP", "10.1.0.5")]
    [InlineData("status.podIPs", "10.1.0.5,fd01::5")]
    [InlineData("metadata.labels", "app=\"web\"\ntier=\"front\"")]
    public void FieldValue_DownwardApi(string path, string expected)
    {
        EnvironmentBuilder.FieldValue(Pod(_ => { }), Node, PodIps, path).ShouldBe(expected);
    }

    [Fact]
    public void FieldValue_UnsupportedPath_IsNull()
    {
        EnvironmentBuilder.FieldValue(Pod(_ => { }), Node, PodIps, "spec.hostname").ShouldBeNull();
    }

    [Fact]
    public async Task UnsupportedFieldRef_IsAConfigError()
    {
        var pod = Pod(c => c.Env = [Field("X", "spec.schedulerName")]);

        (await Should.ThrowAsync<ContainerConfigException>(() => Build(pod))).Message.ShouldBe("env X: unsupported fieldRef fieldPath \"spec.schedulerName\"");
    }

    private static ResourceFieldSelector Res(string resource, string? divisor = null, string? container = null) =>
        new() { Resource = resource, Divisor = divisor is null ? null : Quantity.Parse(divisor), ContainerName = container };

    [Theory]
    [InlineData("limits.cpu", null, "2")]
    [InlineData("limits.cpu", "1m", "1500")]
    [InlineData("requests.cpu", null, "1")]
    [InlineData("requests.cpu", "1m", "250")]
    [InlineData("limits.memory", null, "536870912")]
    [InlineData("limits.memory", "1Mi", "512")]
    [InlineData("requests.memory", "1Mi", "129")]
    [InlineData("limits.ephemeral-storage", "1Gi", "100")]
    [InlineData("requests.ephemeral-storage", null, "0")]
    public void ResourceValue_RoundsUpAndDefaultsLimitsToAllocatable(string resource, string? divisor, string expected)
    {
        var pod = Pod(c => c.Resources = new ResourceRequirements
        {
            Requests = PodBuilder.Resources(("cpu", "250m"), ("memory", "128Mi")),
            Limits = PodBuilder.Resources(("cpu", "1500m"), ("memory", "512Mi")),
        });
        pod.Spec!.Containers![0].Resources!.Requests!["memory"] = Quantity.Parse("128Mi") + Quantity.Parse("1");

        EnvironmentBuilder.ResourceValue(pod, pod.Spec.Containers[0], Node, Res(resource, divisor), "X").ShouldBe(expected);
    }

    [Fact]
    public void ResourceValue_MissingCpuLimit_IsTheNodesAllocatable()
    {
        var pod = Pod(_ => { });

        EnvironmentBuilder.ResourceValue(pod, pod.Spec!.Containers![0], Node, Res("limits.cpu"), "X").ShouldBe("4");
    }

    [Fact]
    public void ResourceValue_OfAnotherContainer()
    {
        var pod = new PodBuilder()
            .Container("a")
            .Container("b", c => c.Resources = new ResourceRequirements { Limits = PodBuilder.Resources(("memory", "1Gi")) })
            .Build();

        EnvironmentBuilder.ResourceValue(pod, pod.Spec!.Containers![0], Node, Res("limits.memory", "1Mi", "b"), "X").ShouldBe("1024");
        Should.Throw<ContainerConfigException>(() => EnvironmentBuilder.ResourceValue(pod, pod.Spec.Containers[0], Node, Res("limits.memory", null, "zzz"), "X"))
            .Message.ShouldBe("env X: resourceFieldRef names unknown container \"zzz\"");
    }

    [Fact]
    public async Task ConfigMapAndSecretKeys_AreResolved()
    {
        var pod = Pod(c => c.Env =
        [
            new EnvVar { Name = "M", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "app", Key = "MODE" } } },
            new EnvVar { Name = "P", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "db", Key = "PASSWORD" } } },
        ]);

        (await Build(pod)).ShouldBe([KeyValuePair.Create("M", "fast"), KeyValuePair.Create("P", "s3cret")]);
    }

    [Fact]
    public async Task OptionalReferences_ToWhatDoesNotExist_AreSkipped()
    {
        var pod = Pod(c =>
        {
            c.EnvFrom = [new EnvFromSource { ConfigMapRef = new ConfigMapEnvSource { Name = "nope", Optional = true } }];
            c.Env =
            [
                new EnvVar { Name = "M", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "nope", Key = "K", Optional = true } } },
                new EnvVar { Name = "K", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "app", Key = "MISSING", Optional = true } } },
                new EnvVar { Name = "S", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "db", Key = "MISSING", Optional = true } } },
                new EnvVar { Name = "KEPT", Value = "1" },
            ];
        });

        (await Build(pod)).ShouldBe([KeyValuePair.Create("KEPT", "1")]);
    }

    private static readonly Dictionary<string, (EnvVar Variable, string Message)> RequiredMissing = new(StringComparer.Ordinal)
    {
        ["config map"] = (
            new EnvVar { Name = "M", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "nope", Key = "K" } } },
            "configmap \"nope\" not found"),
        ["config map key"] = (
            new EnvVar { Name = "M", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "app", Key = "K" } } },
            "couldn't find key K in ConfigMap default/app"),
        ["secret"] = (
            new EnvVar { Name = "S", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "nope", Key = "K" } } },
            "secret \"nope\" not found"),
        ["secret key"] = (
            new EnvVar { Name = "S", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "db", Key = "K" } } },
            "couldn't find key K in Secret default/db"),
    };

    [Theory]
    [InlineData("config map")]
    [InlineData("config map key")]
    [InlineData("secret")]
    [InlineData("secret key")]
    public async Task RequiredReferences_ToWhatDoesNotExist_AreConfigErrors(string what)
    {
        var (variable, message) = RequiredMissing[what];
        var pod = Pod(c => c.Env = [variable]);

        (await Should.ThrowAsync<ContainerConfigException>(() => Build(pod))).Message.ShouldBe(message, what);
    }

    [Fact]
    public async Task WithoutAnApiServer_RequiredReferencesSayWhy_OptionalOnesAreSkipped()
    {
        var standalone = new FakeObjects("no API server (standalone mode)");
        var required = Pod(c => c.EnvFrom = [new EnvFromSource { SecretRef = new SecretEnvSource { Name = "db" } }]);
        var optional = Pod(c => c.EnvFrom = [new EnvFromSource { SecretRef = new SecretEnvSource { Name = "db", Optional = true } }]);

        (await Should.ThrowAsync<ContainerConfigException>(() => Build(required, standalone))).Message.ShouldBe("secret \"db\": no API server (standalone mode)");
        (await Build(optional, standalone)).ShouldBeEmpty();
    }
}
