using System.Diagnostics;
using Sharplet.Api;
using Sharplet.Hosting;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.ConnectedPods;

// A connected Sharplet for one test: its own node name and identity (minted with scripts/test-apiserver
// node-kubeconfig), its Node object (created by the admin until node registration lands, because the Node
// authorizer lets a node read its pods' ConfigMaps and Secrets only through its Node), its own namespace and
// a watch of that namespace as the admin sees it.
internal sealed class ConnectedCluster : IAsyncDisposable
{
    private ConnectedCluster(KubeApiClient admin, string ns, ApiPodWatch watch)
    {
        Admin = admin;
        Namespace = ns;
        Watch = watch;
    }

    public KubeApiClient Admin { get; }

    public string Namespace { get; }

    public ApiPodWatch Watch { get; }

    public SharpletNode Node { get; private set; } = null!;

    public string NodeName => Node.NodeName;

    public static async Task<ConnectedCluster> StartAsync(string testName, Action<SharpletSettings>? configure = null, Func<string, Task<string>>? kubeconfigFor = null)
    {
        var admin = TestApiServer.Admin();
        var ns = await TestApiServer.CreateNamespaceAsync(admin, testName);
        var cluster = new ConnectedCluster(admin, ns, new ApiPodWatch(admin, ns));
        var settings = SharpletNode.DefaultSettings(testName);
        var nodeName = settings.HostnameOverride!;
        var kubeconfig = MintNodeKubeconfig(nodeName);
        settings.Kubeconfig = kubeconfigFor is null ? kubeconfig : await kubeconfigFor(kubeconfig);
        configure?.Invoke(settings);
        await admin.CreateAsync(KubeResources.Nodes, null, new Node { Metadata = new ObjectMeta { Name = nodeName } }, CancellationToken.None);
        cluster.Node = await SharpletNode.StartAsync(settings);
        return cluster;
    }

    public static string MintNodeKubeconfig(string nodeName)
    {
        var script = Path.Combine(LocalNode.RepoRoot, "scripts", "test-apiserver");
        var start = new ProcessStartInfo(script, ["node-kubeconfig", nodeName]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 && File.Exists(stdout.Trim())
            ? stdout.Trim()
            : throw new InvalidOperationException($"scripts/test-apiserver node-kubeconfig {nodeName} failed ({process.ExitCode}): {stderr}");
    }

    public Pod Pod(string name, params string[] command)
    {
        var pod = TestApiServer.TestPod(name, Namespace, NodeName);
        var container = pod.Spec!.Containers![0];
        container.ImagePullPolicy = "IfNotPresent";
        container.Command = command.Length > 0 ? [.. command] : ["sleep", "3600"];
        return pod;
    }

    public Task<Pod> CreateAsync(Pod pod) => Admin.CreateAsync(KubeResources.Pods, Namespace, pod, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Watch.DisposeAsync();
        try
        {
            await Admin.DeleteAsync(KubeResources.Nodes, null, NodeName, null, CancellationToken.None);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }

        Admin.Dispose();
    }

    // Waits for the node's own status of an API pod of this namespace (the node's view, not the API's).
    public async Task<Statuses.PodStatusEntry> WaitForLocalAsync(string name, string what, Func<Statuses.PodStatusEntry, bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var next = Node.Statuses.NextChange;
            var entry = Node.Statuses.All().FirstOrDefault(e => e.Pod.Metadata?.Name == name && e.Pod.Metadata.Namespace == Namespace);
            if (entry is not null && condition(entry))
            {
                return entry;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"pod {Namespace}/{name} on node {NodeName} did not reach \"{what}\" within {timeout.TotalSeconds}s; last local status: " +
                    (entry is null ? "(none)" : KubeJson.Serialize(entry.Status)));
            }
        }
    }

    public static ContainerStatus? Container(Pod? pod, string name = "c") =>
        pod?.Status?.ContainerStatuses?.FirstOrDefault(c => c.Name == name);
}
