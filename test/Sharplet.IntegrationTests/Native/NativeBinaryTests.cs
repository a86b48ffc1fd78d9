using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Native;

// The shipped NativeAOT sharplet, end to end on the real containerd: what reflection or a missing JSON context
// would break only in the trimmed binary (YAML into API types, defaulting and validation messages, the
// config file and kubeconfig readers, the control socket's JSON) shows up here as a failing test.
public sealed class NativeBinaryTests : IAsyncLifetime
{
    private readonly Sharplet.Hosting.SharpletSettings settings = SharpletNode.DefaultSettings("native");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => SharpletNode.RemoveEverythingAsync(settings);

    private static string Pod(string name) =>
        StaticPod.Sleeper(name).Label("app", name).With(c =>
        {
            c.Env = [new EnvVar { Name = "GREETING", Value = "hello" }];
            c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources(("cpu", "10m"), ("memory", "8Mi")) };
        }).ToYaml();

    [Fact]
    public void Binary_IsTheNativeExecutable_NotAManagedAssembly()
    {
        var binary = SharpletProcess.Binary;
        if (binary.EndsWith(".dll", StringComparison.Ordinal))
        {
            return; // SHARPLET_BINARY chose a JIT build on purpose.
        }

        // ELF, not a PE/IL assembly: the tests below exercise the trimmed, AOT-compiled program.
        File.ReadAllBytes(binary).AsSpan(0, 4).ToArray().ShouldBe(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' });
        File.Exists(Path.Combine(Path.GetDirectoryName(binary)!, "Sharplet.Core.dll")).ShouldBeFalse();
    }

    [Fact]
    public async Task StaticPod_IsStartedAndReportedRunning_WithEveryStatusField()
    {
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, "web.yaml"), Pod("web"));
        using var sharplet = SharpletProcess.Start(settings);

        var pods = await SharpletProcess.WaitForPodsAsync(settings.RootDir, "web running with its container started",
            p => p.Count == 1 && p[0].Status?.Phase == PodPhase.Running && p[0].Status!.ContainerStatuses?.FirstOrDefault()?.State?.Running is not null,
            TimeSpan.FromSeconds(60));

        // Every field went YAML → API types → status → control socket JSON → here through the native binary's
        // source-generated contexts: a trimmed property would arrive as null.
        var pod = pods.Single();
        pod.Metadata!.Name.ShouldBe($"web-{settings.HostnameOverride}");
        pod.Metadata.Uid.ShouldNotBeNullOrEmpty();
        pod.Metadata.Labels!["app"].ShouldBe("web");
        pod.Spec!.Containers![0].Env!.ShouldHaveSingleItem().Value.ShouldBe("hello");
        pod.Spec.RestartPolicy.ShouldBe("Always");
        pod.Status!.Conditions!.ShouldContain(c => c.Type == "Ready" && c.Status == "True");
        pod.Status.QosClass.ShouldBe("Burstable");
        var container = pod.Status.ContainerStatuses!.ShouldHaveSingleItem();
        container.ContainerID.ShouldStartWith("containerd://");
        container.ImageID.ShouldNotBeNullOrEmpty();
        container.Ready.ShouldBeTrue();
        container.State!.Running!.StartedAt.ShouldNotBeNull();

        var (code, table) = await SharpletProcess.RunAsync("pods", "--root-dir", settings.RootDir, "-o", "wide");
        code.ShouldBe(0, table);
        table.ShouldContain($"web-{settings.HostnameOverride}");
        table.ShouldContain("Running");
    }

    [Fact]
    public async Task BrokenManifest_IsReportedNamingTheFileAndField_AndTheGoodPodRuns()
    {
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, "good.yaml"), Pod("good"));
        var broken = Path.Combine(settings.StaticPodPath!, "typo.yaml");
        File.WriteAllText(broken, Pod("typo").Replace("image: busybox", "imagee: busybox", StringComparison.Ordinal));
        using var sharplet = SharpletProcess.Start(settings);

        await SharpletProcess.WaitForPodsAsync(settings.RootDir, "good running", p => p.Count == 1 && p[0].Status?.Phase == PodPhase.Running, TimeSpan.FromSeconds(60));
        var (code, table) = await SharpletProcess.RunAsync("pods", "--root-dir", settings.RootDir);

        code.ShouldBe(0, table);
        table.ShouldContain("Rejected manifests:");
        table.ShouldContain(broken);
        table.ShouldContain("unknown field \"spec.containers[0].imagee\"");
        sharplet.Output.ShouldContain(l => l.Contains(broken, StringComparison.Ordinal) && l.Contains("spec.containers[0].imagee", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConfigFileWithUnknownField_ExitsNamingTheFileAndField()
    {
        var config = Path.Combine(Path.GetDirectoryName(settings.RootDir)!, "bad-config.yaml");
        File.WriteAllText(config, "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nstaticPodPaht: /etc/kubernetes/manifests\n");

        var (code, output) = await SharpletProcess.RunAsync("--config", config, "--root-dir", settings.RootDir);

        code.ShouldBe(2, output);
        output.ShouldContain($"config file {config}: unknown field \"staticPodPaht\"");
    }

    [Fact]
    public async Task ConfigFileWithBadValue_ExitsNamingTheFieldAndValue()
    {
        var config = Path.Combine(Path.GetDirectoryName(settings.RootDir)!, "bad-value.yaml");
        File.WriteAllText(config, "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPods: many\n");

        var (code, output) = await SharpletProcess.RunAsync("--config", config, "--root-dir", settings.RootDir);

        code.ShouldBe(2, output);
        output.ShouldContain("maxPods");
        output.ShouldContain("\"many\" is not a whole number");
    }

    [Fact]
    public async Task UnreadableKubeconfig_ExitsOneNamingTheFile_BeforeTouchingTheNode()
    {
        var kubeconfig = Path.Combine(Path.GetDirectoryName(settings.RootDir)!, "missing.kubeconfig");

        var (code, output) = await SharpletProcess.RunAsync("--kubeconfig", kubeconfig, "--root-dir", settings.RootDir,
            "--container-runtime-endpoint", settings.ContainerRuntimeEndpoint);

        code.ShouldBe(1, output);
        output.ShouldContain($"Cannot read kubeconfig {kubeconfig} (");
        Directory.Exists(settings.RootDir).ShouldBeFalse();
    }

    [Fact]
    public async Task MalformedKubeconfig_ExitsOneNamingTheFile()
    {
        var kubeconfig = Path.Combine(Path.GetDirectoryName(settings.RootDir)!, "garbage.kubeconfig");
        File.WriteAllText(kubeconfig, "apiVersion: v1\nkind: Config\nclusters: {not: [a, list\n");

        var (code, output) = await SharpletProcess.RunAsync("--kubeconfig", kubeconfig, "--root-dir", settings.RootDir,
            "--container-runtime-endpoint", settings.ContainerRuntimeEndpoint);

        code.ShouldBe(1, output);
        output.ShouldContain(kubeconfig);
    }
}
