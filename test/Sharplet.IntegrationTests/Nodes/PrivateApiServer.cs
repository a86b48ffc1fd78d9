using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.Nodes;

// A control plane of the test's own (scripts/test-apiserver with a private state dir and free ports: etcd,
// kube-apiserver, kube-controller-manager, kube-scheduler), for tests that stop the API server: the shared
// instance must never go down under other tests.
internal sealed class PrivateApiServer : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;

    private PrivateApiServer(Dictionary<string, string> environment, string adminKubeconfig)
    {
        this.environment = environment;
        AdminKubeconfig = adminKubeconfig;
    }

    public string AdminKubeconfig { get; }

    // The server's CA certificate (it signs every client certificate the script mints).
    public string CaFile => Path.Combine(environment["SHARPLET_APISERVER_DIR"], "pki", "ca.crt");

    public string CaKeyFile => Path.Combine(environment["SHARPLET_APISERVER_DIR"], "pki", "ca.key");

    public static async Task<PrivateApiServer> StartAsync(string name)
    {
        var environment = new Dictionary<string, string>
        {
            ["SHARPLET_APISERVER_DIR"] = Path.Combine("/var/tmp/sharplet-it", $"apiserver-{name}"),
            ["SHARPLET_APISERVER_PORT"] = FreePort(),
            ["SHARPLET_ETCD_CLIENT_PORT"] = FreePort(),
            ["SHARPLET_ETCD_PEER_PORT"] = FreePort(),
            ["SHARPLET_CONTROLLER_MANAGER_PORT"] = FreePort(),
            ["SHARPLET_SCHEDULER_PORT"] = FreePort(),
        };
        var output = await RunAsync(environment, "up");
        var exports = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('"', '\''));
        return new PrivateApiServer(environment, exports["SHARPLET_TEST_KUBECONFIG"]);
    }

    // A kubeconfig for the node identity system:node:NAME on this server.
    public async Task<string> NodeKubeconfigAsync(string nodeName) => (await RunAsync(environment, "node-kubeconfig", nodeName)).Trim();

    public Task StopApiServerAsync() => RunAsync(environment, "stop-apiserver");

    public Task StartApiServerAsync() => RunAsync(environment, "start-apiserver");

    // Down, and the lock file the script keeps beside the state dir.
    public async ValueTask DisposeAsync()
    {
        await RunAsync(environment, "down");
        File.Delete(environment["SHARPLET_APISERVER_DIR"] + ".lock");
    }

    private static async Task<string> RunAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(LocalNode.RepoRoot, "scripts", "test-apiserver"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"scripts/test-apiserver {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
