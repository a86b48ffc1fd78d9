using System.Diagnostics;
using Sharplet.Api;
using Sharplet.IntegrationTests.ConnectedPods;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.IntegrationTests.Server;

namespace Sharplet.IntegrationTests.Cluster;

// A container that talks to the API server as an in-cluster client does: token, CA and namespace from the
// kube-api-access volume the ServiceAccount admission gives every pod, the server from KUBERNETES_SERVICE_*.
// The API server listens on the host's loopback, so the pod uses the host's network and names the server's
// real address (no kube-proxy here turns the `kubernetes` Service's cluster IP into it).
public sealed class InClusterClientTests : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("incluster");

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task ContainerWithTheServiceAccountVolume_ReadsItsOwnPodFromTheApiServer()
    {
        var ns = cluster.Namespace;
        var clientDir = await BuildClientAsync();
        await new Kubectl(TestApiServer.AdminKubeconfig).OkAsync("-n", ns, "create", "rolebinding", "default-view", "--clusterrole=view", $"--serviceaccount={ns}:default");

        var pod = cluster.Pod("client", "/client/incluster");
        pod.Spec!.RestartPolicy = "Never";
        pod.Spec.HostNetwork = true;
        pod.Spec.Volumes = [new Volume { Name = "client", HostPath = new HostPathVolumeSource { Path = clientDir } }];
        var container = pod.Spec.Containers![0];
        container.VolumeMounts = [new VolumeMount { Name = "client", MountPath = "/client", ReadOnly = true }];
        container.Env =
        [
            new EnvVar { Name = "KUBERNETES_SERVICE_HOST", Value = TestApiServer.Server.Host },
            new EnvVar { Name = "KUBERNETES_SERVICE_PORT", Value = TestApiServer.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new EnvVar { Name = "POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } },
        ];
        await cluster.CreateAsync(pod);

        var (_, done) = await cluster.Watch.WaitForAsync(ns, "client", "terminated", p => ConnectedCluster.Container(p)?.State?.Terminated is not null, TimeSpan.FromSeconds(90));

        var terminated = ConnectedCluster.Container(done)!.State!.Terminated!;
        terminated.Message.ShouldStartWith($"OK namespace={ns} GET https://{TestApiServer.Server.Authority}/api/v1/namespaces/{ns}/pods/client 200", customMessage: terminated.Message);
        terminated.ExitCode.ShouldBe(0);
    }

    // The client is built once per machine into the tests' scratch dir (Go caches its build there too).
    private static async Task<string> BuildClientAsync()
    {
        var source = Path.Combine(LocalNode.RepoRoot, "test", "Sharplet.IntegrationTests", "Cluster", "InClusterClient", "main.go");
        var dir = Path.Combine("/var/tmp/sharplet-it", "incluster-client");
        var binary = Path.Combine(dir, "incluster");
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source))
        {
            return dir;
        }

        if (!File.Exists("/usr/bin/go") && !File.Exists("/usr/lib/go/bin/go"))
        {
            throw new InvalidOperationException("the in-cluster client is built with Go: install Debian's golang-go (scripts/test-apiserver build installs it)");
        }

        Directory.CreateDirectory(dir);
        var psi = new ProcessStartInfo("go", ["build", "-o", binary + ".tmp", source])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.Environment["CGO_ENABLED"] = "0";
        psi.Environment["GO111MODULE"] = "off";
        psi.Environment["GOCACHE"] = Path.Combine(dir, "gocache");
        psi.Environment["GOPATH"] = Path.Combine(dir, "gopath");
        var (code, stdout, stderr) = await Kubectl.RunProcessAsync(psi, null, TimeSpan.FromMinutes(5), "go build InClusterClient/main.go");
        code.ShouldBe(0, $"go build of the in-cluster client: {stdout}{stderr}");
        File.Move(binary + ".tmp", binary, overwrite: true);
        return dir;
    }
}
