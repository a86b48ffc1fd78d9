using System.Collections.Concurrent;
using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.Nodes;
using Sharplet.Server;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Server;

// One API server of the tests' own (scripts/test-apiserver with a private state dir: it reaches kubelets by
// InternalIP, and this node's is 127.0.0.1) and one connected Sharplet whose kubelet server has a
// KubeletConfiguration's defaults (anonymous off, TokenReview, SubjectAccessReview) and trusts the API
// server's CA for client certificates, as a kubeadm node does. Two pods run on it: "talker" (a counter and a
// web server) and "crasher" (restarts every second, for --previous).
public sealed class KubeletServerCluster : IAsyncLifetime
{
    public const string Namespace = "ksrv";

    private PrivateApiServer api = null!;

    internal SharpletNode Node { get; private set; } = null!;

    internal Kubectl Kubectl { get; private set; } = null!;

    internal PrivateApiServer Api => api;

    public string NodeName => Node.NodeName;

    public int Port => Node.Settings.KubeletPort;

    public int ReadOnlyPort => Node.Settings.Server.ReadOnlyPort;

    public async Task InitializeAsync()
    {
        var settings = SharpletNode.DefaultSettings("ksrv");
        api = await PrivateApiServer.StartAsync(settings.HostnameOverride!);
        Kubectl = new Kubectl(api.AdminKubeconfig);
        settings.NodeIps = ["127.0.0.1"];
        settings.Kubeconfig = await api.NodeKubeconfigAsync(settings.HostnameOverride!);
        settings.FeatureGates["ReduceDefaultCrashLoopBackOffDecay"] = true;
        var port = settings.KubeletPort;
        settings.Server = KubeletServerOptions.ConfigFileDefaults();
        settings.Server.Address = "127.0.0.1";
        settings.Server.ClientCaFile = api.CaFile;
        settings.Server.ReadOnlyPort = SharpletNode.FreePort();
        settings.KubeletPort = port;
        Node = await SharpletNode.StartAsync(settings, new ConcurrentQueue<string>());

        await Kubectl.OkAsync("create", "namespace", Namespace);

        // The controller-manager makes the namespace's `default` ServiceAccount; until then no pod is admitted there.
        await Kubectl.OkAsync("-n", Namespace, "wait", "--for=create", "serviceaccount/default", "--timeout=60s");
        var manifest = Path.Combine(Path.GetDirectoryName(settings.RootDir)!, "pods.yaml");
        // Two pods for the API server (kubectl apply), bound to this node by nodeName.
        var talker = new StaticPod("talker").Namespace(Namespace).Spec(s => s.NodeName = NodeName).GracePeriod(1)
            .Shell("main", "echo first; i=0; while true; i=$((i+1)); do echo line-$i; sleep 0.2; done")
            .Shell("web", "mkdir -p /www && echo hello-from-web > /www/index.html && exec httpd -f -p 8080 -h /www")
            .With(c => c.ReadinessProbe = new Probe { HttpGet = new HTTPGetAction { Path = "/index.html", Port = 8080 }, PeriodSeconds = 1 });
        var crasher = new StaticPod("crasher").Namespace(Namespace).Spec(s => s.NodeName = NodeName).GracePeriod(1)
            .Shell("main", "echo run-$(cat /proc/sys/kernel/random/uuid); sleep 1; exit 1");
        await File.WriteAllTextAsync(manifest, talker.ToYaml() + "---\n" + crasher.ToYaml());
        await Kubectl.OkAsync("apply", "-f", manifest);
        await Kubectl.OkAsync("-n", Namespace, "wait", "--for=condition=Ready", "pod/talker", "--timeout=90s");
    }

    public async Task DisposeAsync()
    {
        // The node removes its sandboxes and directories.
        await Node.DisposeAsync();
        await api.DisposeAsync();
    }
}
