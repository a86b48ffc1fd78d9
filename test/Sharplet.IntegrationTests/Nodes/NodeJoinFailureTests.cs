using System.Collections.Concurrent;
using System.Globalization;
using Sharplet.Api;
using Sharplet.Cli;
using Sharplet.Hosting;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.KubeClient;
using Sharplet.Nodes;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Nodes;

// The first errors an operator meets when joining a cluster: each must stop the start with one sentence that
// names the kubeconfig, the server or the user, after one attempt; and a refusal that starts while running
// must back off instead of hammering the server.
public sealed class NodeJoinFailureTests : IAsyncLifetime
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private readonly List<SharpletSettings> started = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var settings in started)
        {
            try
            {
                await admin.DeleteAsync(KubeResources.Nodes, null, settings.HostnameOverride!, null, CancellationToken.None);
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
            }

            await SharpletNode.RemoveEverythingAsync(settings);
        }

        admin.Dispose();
    }

    [Fact]
    public async Task UnreadableKubeconfig_FailsTheStartNamingTheFile_BeforeTouchingTheNode()
    {
        var settings = Settings("nokubeconfig");
        settings.Kubeconfig = Path.Combine(BaseDir(settings), "missing.kubeconfig");

        var ex = await Should.ThrowAsync<KubeconfigException>(() => SharpletNode.StartAsync(settings));

        ex.Message.ShouldStartWith($"Cannot read kubeconfig {settings.Kubeconfig} (");
        Directory.Exists(settings.RootDir).ShouldBeFalse();
        (await SharpletCommandLine.RunAsync(["--kubeconfig", settings.Kubeconfig, "--root-dir", settings.RootDir])).ShouldBe(1);
        Directory.Exists(settings.RootDir).ShouldBeFalse();
    }

    [Fact]
    public async Task UntrustedServerCertificate_FailsTheStartNamingServerAndKubeconfig_AfterOneAttempt()
    {
        using var otherCa = TestPki.CreateCa("not-the-cluster-ca");
        var settings = Settings("wrongca");
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir(settings), settings.HostnameOverride!, trustedCa: otherCa);
        var log = new ConcurrentQueue<string>();

        var ex = await Should.ThrowAsync<NodeJoinException>(() => SharpletNode.StartAsync(settings, log));

        ex.Message.ShouldStartWith($"Node {settings.HostnameOverride} cannot join the cluster: TLS with the API server {TestApiServer.Server} failed: its certificate (");
        ex.Message.ShouldContain($"is not trusted by the certificate authority of cluster \"sharplet-test\" in kubeconfig {settings.Kubeconfig}");
        AttemptsIn(log).ShouldBe(1);
    }

    [Fact]
    public async Task ExpiredClientCertificate_FailsTheStartWith401NamingUserAndExpiry_AfterOneAttempt()
    {
        var settings = Settings("expired");
        var notAfter = DateTimeOffset.UtcNow.AddHours(-1);
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir(settings), settings.HostnameOverride!, notAfter.AddDays(-1), notAfter);
        var log = new ConcurrentQueue<string>();

        var ex = await Should.ThrowAsync<NodeJoinException>(() => SharpletNode.StartAsync(settings, log));

        var user = $"system:node:{settings.HostnameOverride}";
        var expiry = notAfter.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        ex.Message.ShouldBe(
            $"Node {settings.HostnameOverride} cannot join the cluster: POST /api/v1/nodes: 401 Unauthorized: Unauthorized " +
            $"(as user \"{user}\" from kubeconfig {settings.Kubeconfig}; its client certificate expired at {expiry}Z).");
        AttemptsIn(log).ShouldBe(1);
    }

    [Fact]
    public async Task AnotherNodesCredential_FailsTheStartWith403NamingTheUser_AndTheCommandExits1()
    {
        var settings = Settings("impostor");
        var identity = TestApiServer.UniqueName("real-owner");
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir(settings), identity);
        var log = new ConcurrentQueue<string>();

        var ex = await Should.ThrowAsync<NodeJoinException>(() => SharpletNode.StartAsync(settings, log));

        ex.Message.ShouldStartWith($"Node {settings.HostnameOverride} cannot join the cluster: POST /api/v1/nodes: 403 Forbidden: ");
        ex.Message.ShouldEndWith($"(as user \"system:node:{identity}\" from kubeconfig {settings.Kubeconfig}).");
        AttemptsIn(log).ShouldBe(1);
        await Should.ThrowAsync<KubeApiException>(() => admin.GetAsync(KubeResources.Nodes, null, settings.HostnameOverride!, CancellationToken.None));

        var exitCode = await SharpletCommandLine.RunAsync(
        [
            "--kubeconfig", settings.Kubeconfig, "--root-dir", settings.RootDir, "--pod-manifest-path", settings.StaticPodPath!,
            "--container-runtime-endpoint", settings.ContainerRuntimeEndpoint, "--hostname-override", settings.HostnameOverride!, "--healthz-port", "0",
        ]);

        exitCode.ShouldBe(1);
    }

    [Fact]
    public async Task AnotherNodesCredentialWhileRunning_BacksOffWithOneClearErrorInsteadOfLooping()
    {
        // Node B exists (an admin made it) and Sharplet, not registering, runs as B with node A's credential: the
        // start only reads B, which any node may; every write then gets 403.
        var settings = Settings("borrowed");
        var name = settings.HostnameOverride!;
        await admin.CreateAsync(KubeResources.Nodes, null, new Node { Metadata = new ObjectMeta { Name = name } }, CancellationToken.None);
        var identity = TestApiServer.UniqueName("lender");
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir(settings), identity);
        settings.RegisterNode = false;
        await using var node = await SharpletNode.StartAsync(settings);
        await LogWait.ForAsync(node, $"Error: Unable to renew node lease kube-node-lease/{name}", TimeSpan.FromSeconds(10));
        await LogWait.ForAsync(node, $"Error: Unable to update the status of node {name}", TimeSpan.FromSeconds(10));

        // A few seconds of a permanent refusal: the status loop tries once per period (10 s) and the lease waits its
        // 7 s cap, so each has made at most two attempts, and said so loudly once.
        await Task.Delay(TimeSpan.FromSeconds(4));

        var statusAttempts = node.Log.Count(l => l.Contains($"Updating the status of node {name} failed", StringComparison.Ordinal));
        var leaseAttempts = node.Log.Count(l => l.Contains($"renew node lease kube-node-lease/{name}", StringComparison.Ordinal));
        statusAttempts.ShouldBeInRange(1, 2);
        leaseAttempts.ShouldBeInRange(1, 2);
        var error = node.Log.Single(l => l.StartsWith($"Error: Unable to update the status of node {name}", StringComparison.Ordinal));
        error.ShouldContain("403 Forbidden");
        error.ShouldContain($"as user \"system:node:{identity}\" from kubeconfig {settings.Kubeconfig}");
    }

    [Fact]
    public async Task UnreachableServer_StartsAnyway_AndRetriesRegistrationWithGrowingCappedBackoff()
    {
        // Nothing listens there: as when the API server is a static pod this node has yet to start.
        var settings = Settings("unreachable");
        var nobody = new Uri($"https://127.0.0.1:{ClosedPort()}");
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir(settings), settings.HostnameOverride!, server: nobody);

        await using var node = await SharpletNode.StartAsync(settings);

        node.Log.ShouldContain(l => l.StartsWith($"Warning: Starting without the API server for now (Cannot reach the API server {nobody}", StringComparison.Ordinal));
        var retries = await RetryDelaysAsync(node, $"Unable to register node {node.NodeName}", count: 5);
        retries[^1].ShouldBeGreaterThan(retries[0]);
        retries.ShouldAllBe(d => d <= 7);
        node.Log.Count(l => l.StartsWith("Error: Unable to register node", StringComparison.Ordinal)).ShouldBe(1, "the same failure again goes to the debug log");
    }

    private static async Task<List<double>> RetryDelaysAsync(SharpletNode node, string text, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var delays = node.Log.Where(l => l.Contains(text, StringComparison.Ordinal))
                .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"retrying in ([0-9.]+)s"))
                .Where(m => m.Success)
                .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                .ToList();
            if (delays.Count >= count)
            {
                return delays;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"fewer than {count} \"{text}\" lines within 15 s; log:\n{string.Join('\n', node.Log)}");
            }
        }
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int AttemptsIn(IEnumerable<string> log) => log.Count(l => l.Contains("Attempting to register node", StringComparison.Ordinal));

    private static string BaseDir(SharpletSettings settings) => Path.GetDirectoryName(settings.RootDir)!;

    private SharpletSettings Settings(string test)
    {
        var settings = SharpletNode.DefaultSettings(test);
        started.Add(settings);
        return settings;
    }
}
