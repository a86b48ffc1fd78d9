using System.Text;
using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.ConnectedPods;

// imagePullSecrets on a registry that wants a password: the pod's dockerconfigjson/dockercfg Secret (read with
// the node's identity) becomes the CRI pull's credentials; a wrong or missing Secret is ErrImagePull naming it.
public sealed class ApiPullSecretTests(PullSecretCluster fixture) : IClassFixture<PullSecretCluster>
{
    private ConnectedCluster Cluster => fixture.Cluster;

    private AuthRegistry Registry => fixture.Registry;

    private string Ns => Cluster.Namespace;

    [Fact]
    public async Task PrivateImage_WithADockerConfigJsonPullSecret_IsPulledAndRuns()
    {
        await CreateDockerConfigJsonAsync("regcred", AuthRegistry.Password);
        var pod = PrivatePod("with-secret", "regcred");

        await Cluster.CreateAsync(pod);

        await Cluster.Watch.WaitForAsync(Ns, "with-secret", "running the private image", p => ConnectedCluster.Container(p)?.State?.Running is not null, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task PrivateImage_WithADockercfgPullSecret_IsPulledAndRuns()
    {
        var cfg = new JsonObject { [Registry.Host] = new JsonObject { ["auth"] = AuthRegistry.Auth(AuthRegistry.User, AuthRegistry.Password) } };
        await Cluster.Admin.CreateAsync(KubeResources.Secrets, Ns, new Secret
        {
            Metadata = new ObjectMeta { Name = "legacycred" },
            Type = SecretType.DockerConfig,
            Data = new() { [".dockercfg"] = Encoding.UTF8.GetBytes(cfg.ToJsonString()) },
        }, CancellationToken.None);

        await Cluster.CreateAsync(PrivatePod("with-dockercfg", "legacycred"));

        await Cluster.Watch.WaitForAsync(Ns, "with-dockercfg", "running the private image", p => ConnectedCluster.Container(p)?.State?.Running is not null, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task PrivateImage_WrongPassword_IsErrImagePull_NamingTheSecret()
    {
        await CreateDockerConfigJsonAsync("badcred", "not-the-password");

        await Cluster.CreateAsync(PrivatePod("wrong-secret", "badcred"));

        var message = await WaitForPullErrorAsync("wrong-secret");
        message.ShouldContain($"Failed to pull image \"{Registry.PrivateImage}\"");
        message.ShouldContain($"from image pull secret {Ns}/badcred");
        message.ShouldContain("401");
        message.ShouldNotContain("not-the-password");
    }

    [Fact]
    public async Task PrivateImage_MissingSecret_IsErrImagePull_NamingTheMissingSecret()
    {
        await Cluster.CreateAsync(PrivatePod("missing-secret", "nosuchcred"));

        var message = await WaitForPullErrorAsync("missing-secret");
        message.ShouldContain($"Failed to pull image \"{Registry.PrivateImage}\"");
        message.ShouldContain("image pull secrets that could not be read: nosuchcred (secret \"nosuchcred\" not found)");
    }

    // The ServiceAccount admission copies the ServiceAccount's imagePullSecrets into a pod that names none; the
    // node only ever reads the pod's. (Needs the admission on: not with SHARPLET_TEST_SA_ADMISSION=off.)
    [Fact]
    public async Task PrivateImage_PullSecretOfThePodsServiceAccount_IsUsed()
    {
        await CreateDockerConfigJsonAsync("sa-regcred", AuthRegistry.Password);
        await new Server.Kubectl(KubeClient.TestApiServer.AdminKubeconfig).OkAsync("-n", Ns, "create", "serviceaccount", "puller");
        await new Server.Kubectl(KubeClient.TestApiServer.AdminKubeconfig).OkAsync("-n", Ns, "patch", "serviceaccount", "puller", "-p",
            """{"imagePullSecrets":[{"name":"sa-regcred"}],"automountServiceAccountToken":false}""");
        var pod = PrivatePod("via-service-account");
        pod.Spec!.ServiceAccountName = "puller";

        var created = await Cluster.CreateAsync(pod);

        created.Spec!.ImagePullSecrets.ShouldNotBeNull("the ServiceAccount admission copies the ServiceAccount's imagePullSecrets");
        created.Spec.ImagePullSecrets.Select(r => r.Name).ShouldBe(["sa-regcred"]);
        await Cluster.Watch.WaitForAsync(Ns, "via-service-account", "running the private image", p => ConnectedCluster.Container(p)?.State?.Running is not null, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task PrivateImage_WithoutAnyPullSecret_IsErrImagePull()
    {
        await Cluster.CreateAsync(PrivatePod("no-secret"));

        (await WaitForPullErrorAsync("no-secret")).ShouldContain("401");
    }

    private Pod PrivatePod(string name, params string[] secrets)
    {
        var pod = Cluster.Pod(name);
        var container = pod.Spec!.Containers![0];
        container.Image = Registry.PrivateImage;
        container.ImagePullPolicy = PullPolicy.Always;
        pod.Spec.ImagePullSecrets = [.. secrets.Select(s => new LocalObjectReference { Name = s })];
        return pod;
    }

    private Task<Secret> CreateDockerConfigJsonAsync(string name, string password)
    {
        var config = new JsonObject
        {
            ["auths"] = new JsonObject { [Registry.Host] = new JsonObject { ["auth"] = AuthRegistry.Auth(AuthRegistry.User, password) } },
        };
        return Cluster.Admin.CreateAsync(KubeResources.Secrets, Ns, new Secret
        {
            Metadata = new ObjectMeta { Name = name },
            Type = SecretType.DockerConfigJson,
            Data = new() { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(config.ToJsonString()) },
        }, CancellationToken.None);
    }

    // The first ErrImagePull the API shows (later syncs show ImagePullBackOff with the back-off message).
    private async Task<string> WaitForPullErrorAsync(string name)
    {
        var (_, pod) = await Cluster.Watch.WaitForAsync(Ns, name, "waiting ErrImagePull", p => ConnectedCluster.Container(p)?.State?.Waiting?.Reason == "ErrImagePull", TimeSpan.FromSeconds(60));
        return ConnectedCluster.Container(pod)!.State!.Waiting!.Message!;
    }
}
