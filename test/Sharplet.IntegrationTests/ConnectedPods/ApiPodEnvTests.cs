using System.Text;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.ConnectedPods;

// env valueFrom and envFrom read ConfigMaps and Secrets from the API with the node's own identity (which the
// Node authorizer allows only for pods bound to the node).
public sealed class ApiPodEnvTests : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("apienv");

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task EnvFromConfigMapAndSecret_ReachesTheContainer()
    {
        var ns = cluster.Namespace;
        await cluster.Admin.CreateAsync(KubeResources.ConfigMaps, ns, new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "settings" },
            Data = new() { ["greeting"] = "hello", ["COLOR"] = "blue" },
        }, CancellationToken.None);
        await cluster.Admin.CreateAsync(KubeResources.Secrets, ns, new Secret
        {
            Metadata = new ObjectMeta { Name = "creds" },
            Data = new() { ["password"] = Encoding.UTF8.GetBytes("s3cret") },
        }, CancellationToken.None);
        var pod = cluster.Pod("env", "sh", "-c", "echo \"$GREETING/$PASSWORD/$CFG_COLOR\" > /dev/termination-log");
        pod.Spec!.RestartPolicy = "Never";
        var c = pod.Spec.Containers![0];
        c.Env =
        [
            new EnvVar { Name = "GREETING", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "settings", Key = "greeting" } } },
            new EnvVar { Name = "PASSWORD", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "creds", Key = "password" } } },
        ];
        c.EnvFrom = [new EnvFromSource { Prefix = "CFG_", ConfigMapRef = new ConfigMapEnvSource { Name = "settings" } }];
        await cluster.CreateAsync(pod);

        var (_, done) = await cluster.Watch.WaitForAsync(ns, "env", "phase Succeeded", p => p?.Status?.Phase == PodPhase.Succeeded);

        ConnectedCluster.Container(done)!.State!.Terminated!.Message.ShouldBe("hello/s3cret/blue\n");
    }

    [Fact]
    public async Task MissingConfigMap_ShowsCreateContainerConfigError_ThenStartsOnceItExists()
    {
        var ns = cluster.Namespace;
        var pod = cluster.Pod("needs-cm");
        pod.Spec!.Containers![0].Env =
        [
            new EnvVar { Name = "X", ValueFrom = new EnvVarSource { ConfigMapKeyRef = new ConfigMapKeySelector { Name = "later", Key = "x" } } },
        ];
        await cluster.CreateAsync(pod);

        var (_, waiting) = await cluster.Watch.WaitForAsync(ns, "needs-cm", "waiting CreateContainerConfigError", p =>
            ConnectedCluster.Container(p)?.State?.Waiting?.Reason == "CreateContainerConfigError");
        ConnectedCluster.Container(waiting)!.State!.Waiting!.Message.ShouldBe("configmap \"later\" not found");

        await cluster.Admin.CreateAsync(KubeResources.ConfigMaps, ns, new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "later" },
            Data = new() { ["x"] = "1" },
        }, CancellationToken.None);
        await cluster.Watch.WaitForAsync(ns, "needs-cm", "container running after the ConfigMap appeared", p =>
            ConnectedCluster.Container(p)?.State?.Running is not null, TimeSpan.FromSeconds(30));
    }
}
