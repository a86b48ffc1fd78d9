using System.CommandLine;
using Sharplet.Cli;
using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Tests.Cli;

// The agent's flags: upstream names, the config file first, every given flag over it.
public sealed class AgentOptionsTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-flags-").FullName;
    private readonly AgentOptions options = new();
    private readonly RootCommand root = new();

    public AgentOptionsTests() => options.AddTo(root);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private SharpletSettings Resolve(params string[] args) => Resolve(args, out _);

    private SharpletSettings Resolve(string[] args, out IReadOnlyList<string> ignored)
    {
        var result = root.Parse(args);
        result.Errors.ShouldBeEmpty();
        return options.Resolve(result, out ignored);
    }

    private string Config(string body)
    {
        var path = Path.Combine(dir, "kubelet.yaml");
        File.WriteAllText(path, "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n" + body);
        return path;
    }

    [Fact]
    public void NoFlags_UpstreamDefaults()
    {
        var settings = Resolve();

        settings.ConfigFile.ShouldBeNull();
        settings.MaxPods.ShouldBe(110);
        settings.SyncFrequency.ShouldBe(TimeSpan.FromMinutes(1));
        settings.FileCheckFrequency.ShouldBe(TimeSpan.FromSeconds(20));
        settings.HealthzPort.ShouldBe(10248);
        settings.ContainerRuntimeEndpoint.ShouldBe("unix:///run/containerd/containerd.sock");
        settings.ClusterDomain.ShouldBe("cluster.local");
        settings.RegisterNode.ShouldBeTrue();
    }

    [Fact]
    public void EveryFlag_IsApplied()
    {
        var settings = Resolve(
            "--kubeconfig", "/etc/kubernetes/kubelet.conf",
            "--pod-manifest-path", "/etc/kubernetes/manifests",
            "--container-runtime-endpoint", "unix:///run/crio/crio.sock",
            "--image-service-endpoint", "unix:///run/img.sock",
            "--root-dir", "/var/lib/kubelet",
            "--hostname-override", "node-7",
            "--node-ip", "10.0.0.7, fd00::7",
            "--node-labels", "role=edge,zone=a",
            "--register-node=false",
            "--healthz-port", "0",
            "--healthz-bind-address", "0.0.0.0",
            "--max-pods", "12",
            "--cgroup-root", "/kube",
            "--sync-frequency", "30s",
            "--file-check-frequency", "5s",
            "--runtime-request-timeout", "1m30s",
            "--cluster-dns", "10.96.0.10",
            "--cluster-domain", "example.local",
            "--resolv-conf", "/run/resolv.conf",
            "--feature-gates", "ReduceDefaultCrashLoopBackOffDecay=true,Other=false",
            "--v", "4");

        settings.Kubeconfig.ShouldBe("/etc/kubernetes/kubelet.conf");
        settings.StaticPodPath.ShouldBe("/etc/kubernetes/manifests");
        settings.ContainerRuntimeEndpoint.ShouldBe("unix:///run/crio/crio.sock");
        settings.ImageServiceEndpoint.ShouldBe("unix:///run/img.sock");
        settings.RootDir.ShouldBe("/var/lib/kubelet");
        settings.HostnameOverride.ShouldBe("node-7");
        settings.NodeIps.ShouldBe(["10.0.0.7", "fd00::7"]);
        settings.NodeLabels.ShouldBe(new Dictionary<string, string> { ["role"] = "edge", ["zone"] = "a" });
        settings.RegisterNode.ShouldBeFalse();
        settings.HealthzPort.ShouldBe(0);
        settings.HealthzBindAddress.ShouldBe("0.0.0.0");
        settings.MaxPods.ShouldBe(12);
        settings.CgroupRoot.ShouldBe("/kube");
        settings.SyncFrequency.ShouldBe(TimeSpan.FromSeconds(30));
        settings.FileCheckFrequency.ShouldBe(TimeSpan.FromSeconds(5));
        settings.RuntimeRequestTimeout.ShouldBe(TimeSpan.FromSeconds(90));
        settings.ClusterDns.ShouldBe(["10.96.0.10"]);
        settings.ClusterDomain.ShouldBe("example.local");
        settings.ResolvConf.ShouldBe("/run/resolv.conf");
        settings.FeatureGates.ShouldBe(new Dictionary<string, bool> { ["ReduceDefaultCrashLoopBackOffDecay"] = true, ["Other"] = false });
        settings.Verbosity.ShouldBe(4);
    }

    [Fact]
    public void FlagsOverrideTheConfigFile_UnsetFlagsLeaveIt()
    {
        var path = Config("maxPods: 42\nstaticPodPath: /from/config\nclusterDomain: config.local\nreadOnlyPort: 0\n");

        var settings = Resolve(["--config", path, "--max-pods", "7", "--cluster-domain", "flag.local"], out var ignored);

        settings.ConfigFile.ShouldBe(path);
        settings.MaxPods.ShouldBe(7);
        settings.ClusterDomain.ShouldBe("flag.local");
        settings.StaticPodPath.ShouldBe("/from/config");
        ignored.ShouldBe(["readOnlyPort"]);
    }

    [Fact]
    public void FeatureGateFlag_MergesWithTheConfigFilesGates()
    {
        var path = Config("featureGates: {A: true, B: true}\n");

        var settings = Resolve("--config", path, "--feature-gates", "B=false");

        settings.FeatureGates.ShouldBe(new Dictionary<string, bool> { ["A"] = true, ["B"] = false });
    }

    [Theory]
    [InlineData("--sync-frequency", "soon", "--sync-frequency: \"soon\" is not a duration (e.g. 10s, 1m30s)")]
    [InlineData("--file-check-frequency", "20", "--file-check-frequency: \"20\" is not a duration (e.g. 10s, 1m30s)")]
    [InlineData("--runtime-request-timeout", "", "--runtime-request-timeout: \"\" is not a duration (e.g. 10s, 1m30s)")]
    [InlineData("--node-labels", "role", "--node-labels: \"role\" is not key=value")]
    [InlineData("--node-labels", "=edge", "--node-labels: \"=edge\" is not key=value")]
    [InlineData("--feature-gates", "A=maybe", "--feature-gates: A=maybe is not true or false")]
    public void BadFlagValue_IsAConfigErrorNamingTheFlag(string flag, string value, string message)
    {
        Should.Throw<ConfigException>(() => Resolve(flag, value)).Message.ShouldBe(message);
    }

    [Fact]
    public void NonNumericIntFlag_IsAParseErrorNamingTheFlag()
    {
        var result = root.Parse(["--max-pods", "many"]);

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("--max-pods");
    }

    [Fact]
    public void BrokenConfigFile_IsAConfigError()
    {
        var path = Config("maxPodz: 3\n");

        Should.Throw<ConfigException>(() => Resolve("--config", path)).Message.ShouldBe($"config file {path}: unknown field \"maxPodz\"");
    }
}
