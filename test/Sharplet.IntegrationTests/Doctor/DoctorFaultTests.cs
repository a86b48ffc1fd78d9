using System.Net.Sockets;
using Sharplet.Hosting;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.IntegrationTests.KubeClient;
using Sharplet.IntegrationTests.Nodes;
using Sharplet.KubeClient;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Doctor;

// `sharplet doctor` (the shipped binary) against a node that runs and has joined the real API server: healthy it
// passes with exit 0; with a fault injected (the runtime socket dead, the API server unreachable, the client
// certificate expired, the CNI config missing, a broken static pod manifest) the check that covers it says FAIL
// with what it saw, and the exit code is 1.
public sealed class DoctorFaultTests : IAsyncLifetime
{
    private readonly KubeApiClient admin = TestApiServer.Admin();
    private readonly SharpletSettings settings = SharpletNode.DefaultSettings("doctor");
    private SharpletNode? node;

    private static readonly string WebPod = StaticPod.Sleeper("web").ToYaml();

    private string BaseDir => Path.GetDirectoryName(settings.RootDir)!;

    public async Task InitializeAsync()
    {
        settings.Kubeconfig = NodeKubeconfig.Write(BaseDir, settings.HostnameOverride!);
        node = await SharpletNode.StartAsync(settings);

        // Joined: the node-lease check needs a fresh lease.
        await ApiPoll.UntilAsync(() => admin.GetAsync(KubeResources.Leases, "kube-node-lease", settings.HostnameOverride!, CancellationToken.None),
            l => l.Spec?.RenewTime is not null, $"node {settings.HostnameOverride}: lease", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
        }

        foreach (var delete in new Func<Task>[]
        {
            () => admin.DeleteAsync(KubeResources.Nodes, null, settings.HostnameOverride!, null, CancellationToken.None),
            () => admin.DeleteAsync(KubeResources.Leases, "kube-node-lease", settings.HostnameOverride!, null, CancellationToken.None),
        })
        {
            try
            {
                await delete();
            }
            catch (KubeApiException)
            {
            }
        }

        admin.Dispose();
    }

    // The running node's own flags, with one replaced to inject the fault.
    private Task<(int ExitCode, string Output)> DoctorAsync(params string[] overrides)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--container-runtime-endpoint"] = settings.ContainerRuntimeEndpoint,
            ["--kubeconfig"] = settings.Kubeconfig!,
            ["--hostname-override"] = settings.HostnameOverride!,
            ["--root-dir"] = settings.RootDir,
            ["--pod-manifest-path"] = settings.StaticPodPath!,
        };
        for (var i = 0; i < overrides.Length; i += 2)
        {
            flags[overrides[i]] = overrides[i + 1];
        }

        return SharpletProcess.RunAsync(["doctor", .. flags.SelectMany(f => new[] { f.Key, f.Value })]);
    }

    // The verdict label of one check in the text report ("ok", "warn", "FAIL", "skip") and its detail.
    private static (string Verdict, string Detail) Line(string output, string check)
    {
        foreach (var line in output.Split('\n'))
        {
            if (line.Length > 7 && line[0] == '[' && line[5] == ']')
            {
                var rest = line[7..];
                var name = rest.Split(' ', 2)[0];
                if (name == check)
                {
                    return (line[1..5].Trim(), rest[name.Length..].Trim());
                }
            }
        }

        throw new ShouldAssertException($"no \"{check}\" line in the doctor's report:\n{output}");
    }

    [Fact]
    public async Task HealthyNode_EveryCheckPassesOrWarns_ExitZero()
    {
        node!.WriteManifest("web.yaml", WebPod);

        var (code, output) = await DoctorAsync();

        code.ShouldBe(0, output);
        foreach (var check in new[] { "runtime", "runtime-ready", "cni", "api-server", "certificates", "clock", "node-lease", "static-pods" })
        {
            Line(output, check).Verdict.ShouldBe("ok", output);
        }

        Line(output, "static-pods").Detail.ShouldStartWith("1 pod(s) in 1 manifest file(s)");
        output.ShouldNotContain("[FAIL]");
        output.ShouldContain("ok: no problem found");
    }

    [Fact]
    public async Task RuntimeSocketGone_RuntimeFailsNamingTheSocket_ExitOne()
    {
        // The socket of a runtime that is not running (containerd stopped, or the wrong --container-runtime-endpoint).
        var dead = Path.Combine(BaseDir, "gone", "containerd.sock");

        var (code, output) = await DoctorAsync("--container-runtime-endpoint", "unix://" + dead);

        code.ShouldBe(1, output);
        var (verdict, detail) = Line(output, "runtime");
        verdict.ShouldBe("FAIL", output);
        detail.ShouldContain(dead);
        output.ShouldContain("fix: ");
        Line(output, "api-server").Verdict.ShouldBe("ok", "only the runtime is broken");
    }

    [Fact]
    public async Task ApiServerUnreachable_ApiServerFailsNamingTheServer_ExitOne()
    {
        int port;
        using (var listener = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        var nobody = new Uri($"https://127.0.0.1:{port}");
        var kubeconfig = NodeKubeconfig.Write(Path.Combine(BaseDir, "unreachable"), settings.HostnameOverride!, server: nobody);

        var (code, output) = await DoctorAsync("--kubeconfig", kubeconfig);

        code.ShouldBe(1, output);
        var (verdict, detail) = Line(output, "api-server");
        verdict.ShouldBe("FAIL", output);
        detail.ShouldContain($"127.0.0.1:{port}");
        Line(output, "runtime").Verdict.ShouldBe("ok", "only the API server is unreachable");
    }

    [Fact]
    public async Task ExpiredClientCertificate_CertificatesFails_ExitOne()
    {
        var kubeconfig = NodeKubeconfig.Write(Path.Combine(BaseDir, "expired"), settings.HostnameOverride!,
            notBefore: DateTimeOffset.UtcNow.AddDays(-2), notAfter: DateTimeOffset.UtcNow.AddDays(-1));

        var (code, output) = await DoctorAsync("--kubeconfig", kubeconfig);

        code.ShouldBe(1, output);
        var (verdict, detail) = Line(output, "certificates");
        verdict.ShouldBe("FAIL", output);
        detail.ShouldContain("expired");
    }

    [Fact]
    public async Task CniConfigMissing_CniFailsNamingTheDirectory_ExitOne()
    {
        var empty = Directory.CreateDirectory(Path.Combine(BaseDir, "empty-net.d")).FullName;

        var (code, output) = await DoctorAsync("--cni-conf-dir", empty);

        code.ShouldBe(1, output);
        var (verdict, detail) = Line(output, "cni");
        verdict.ShouldBe("FAIL", output);
        detail.ShouldContain(empty);
    }

    [Fact]
    public async Task BrokenManifest_StaticPodsFailsNamingTheFile_WhileTheNodeRunsTheGoodOne_ExitOne()
    {
        node!.WriteManifest("web.yaml", WebPod);
        var broken = node.WriteManifest("broken.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: broken}\nspec:\n  containers: [{name: main}]\n");

        var (code, output) = await DoctorAsync();

        code.ShouldBe(1, output);
        var (verdict, detail) = Line(output, "static-pods");
        verdict.ShouldBe("FAIL", output);
        detail.ShouldContain(broken);
        detail.ShouldStartWith("1 of 2 manifest file(s)");
        Line(output, "runtime").Verdict.ShouldBe("ok");
    }
}
