using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Tests.Hosting;

// An operator's KubeletConfiguration must load: known fields apply, upstream fields Sharplet ignores are listed,
// anything else names the file and the field.
public sealed class KubeletConfigFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-config-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string body, string header = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n")
    {
        var path = Path.Combine(dir, "config.yaml");
        File.WriteAllText(path, header + body);
        return path;
    }

    private static (SharpletSettings Settings, IReadOnlyList<string> Ignored) Apply(string path)
    {
        var settings = new SharpletSettings();
        var ignored = KubeletConfigFile.Apply(path, settings);
        return (settings, ignored);
    }

    [Fact]
    public void SupportedFields_AreApplied()
    {
        var (s, ignored) = Apply(Write("""
            staticPodPath: /etc/kubernetes/manifests
            syncFrequency: 30s
            fileCheckFrequency: 1m30s
            healthzPort: 0
            healthzBindAddress: 0.0.0.0
            clusterDomain: example.local
            clusterDNS: [10.96.0.10, fd00::a]
            nodeStatusUpdateFrequency: 5s
            runtimeRequestTimeout: 15m
            maxPods: 42
            resolvConf: /run/systemd/resolve/resolv.conf
            kubeAPIQPS: 7.5
            kubeAPIBurst: 9
            serializeImagePulls: false
            maxParallelImagePulls: 3
            evictionHard:
              memory.available: 200Mi
              nodefs.available: "5%"
            systemReserved: {cpu: 500m, memory: 1Gi}
            kubeReserved: {memory: 256Mi}
            cgroupDriver: cgroupfs
            cgroupRoot: /kube
            containerRuntimeEndpoint: unix:///run/crio/crio.sock
            featureGates: {ReduceDefaultCrashLoopBackOffDecay: true}
            crashLoopBackOff: {maxContainerRestartPeriod: 30s}
            """));

        ignored.ShouldBeEmpty();
        s.StaticPodPath.ShouldBe("/etc/kubernetes/manifests");
        s.SyncFrequency.ShouldBe(TimeSpan.FromSeconds(30));
        s.FileCheckFrequency.ShouldBe(TimeSpan.FromSeconds(90));
        s.HealthzPort.ShouldBe(0);
        s.HealthzBindAddress.ShouldBe("0.0.0.0");
        s.ClusterDomain.ShouldBe("example.local");
        s.ClusterDns.ShouldBe(["10.96.0.10", "fd00::a"]);
        s.NodeStatusUpdateFrequency.ShouldBe(TimeSpan.FromSeconds(5));
        s.RuntimeRequestTimeout.ShouldBe(TimeSpan.FromMinutes(15));
        s.MaxPods.ShouldBe(42);
        s.ResolvConf.ShouldBe("/run/systemd/resolve/resolv.conf");
        s.KubeApiQps.ShouldBe(7.5);
        s.KubeApiBurst.ShouldBe(9);
        s.SerializeImagePulls.ShouldBeFalse();
        s.MaxParallelImagePulls.ShouldBe(3);
        s.EvictionHard.ShouldBe(new Dictionary<string, string> { ["memory.available"] = "200Mi", ["nodefs.available"] = "5%" });
        s.SystemReserved.ShouldBe(new Dictionary<string, string> { ["cpu"] = "500m", ["memory"] = "1Gi" });
        s.KubeReserved.ShouldBe(new Dictionary<string, string> { ["memory"] = "256Mi" });
        s.CgroupRoot.ShouldBe("/kube");
        s.ContainerRuntimeEndpoint.ShouldBe("unix:///run/crio/crio.sock");
        s.FeatureGates["ReduceDefaultCrashLoopBackOffDecay"].ShouldBeTrue();
        s.CrashLoopBackOff.ShouldBe((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void LocalStorageCapacityIsolation_IsAppliedNotIgnored_DefaultTrue()
    {
        new SharpletSettings().LocalStorageCapacityIsolation.ShouldBeTrue();

        var (s, ignored) = Apply(Write("localStorageCapacityIsolation: false\n"));

        s.LocalStorageCapacityIsolation.ShouldBeFalse();
        ignored.ShouldBeEmpty();
    }

    [Fact]
    public void WholeNumberForAFloatField_IsAccepted()
    {
        var (s, _) = Apply(Write("kubeAPIQPS: 50\nregisterNode: false\n"));

        s.KubeApiQps.ShouldBe(50);
        s.RegisterNode.ShouldBeFalse();
    }

    [Fact]
    public void UpstreamFieldsSharpletDoesNotActOn_AreListedAsIgnored()
    {
        var (_, ignored) = Apply(Write("""
            eventRecordQPS: 5
            hairpinMode: promiscuous-bridge
            registryBurst: 10
            cpuManagerPolicy: none
            """));

        ignored.ShouldBe(["eventRecordQPS", "hairpinMode", "registryBurst", "cpuManagerPolicy"]);
    }

    [Fact]
    public void UnknownField_NamesFileAndField()
    {
        var path = Write("staticPodPaht: /etc/kubernetes/manifests\n");

        Should.Throw<ConfigException>(() => Apply(path)).Message.ShouldBe($"config file {path}: unknown field \"staticPodPaht\"");
    }

    [Theory]
    [InlineData("apiVersion: kubelet.config.k8s.io/v1\nkind: KubeletConfiguration\n", "kind \"KubeletConfiguration\", apiVersion \"kubelet.config.k8s.io/v1\"")]
    [InlineData("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeProxyConfiguration\n", "kind \"KubeProxyConfiguration\", apiVersion \"kubelet.config.k8s.io/v1beta1\"")]
    [InlineData("maxPods: 3\n", "kind \"\", apiVersion \"\"")]
    public void WrongKindOrApiVersion_IsAnError(string header, string found)
    {
        var path = Write(string.Empty, header);

        Should.Throw<ConfigException>(() => Apply(path)).Message.ShouldBe(
            $"config file {path}: expected kind KubeletConfiguration, apiVersion kubelet.config.k8s.io/v1beta1; found {found}");
    }

    [Fact]
    public void CgroupFields_AreApplied()
    {
        var (s, ignored) = Apply(Write("""
            cgroupsPerQOS: false
            enforceNodeAllocatable: [none]
            podPidsLimit: 512
            cpuCFSQuota: false
            cpuCFSQuotaPeriod: 50ms
            """));

        ignored.ShouldBeEmpty();
        s.CgroupsPerQos.ShouldBeFalse();
        s.EnforceNodeAllocatable.ShouldBe(["none"]);
        s.PodPidsLimit.ShouldBe(512);
        s.CpuCfsQuota.ShouldBeFalse();
        s.CpuCfsQuotaPeriod.ShouldBe(TimeSpan.FromMilliseconds(50));
    }

    [Theory]
    [InlineData("syncFrequency: soon\n", "syncFrequency", "invalid duration \"soon\"")]
    [InlineData("syncFrequency: 10\n", "syncFrequency", "invalid duration \"10\"")]
    [InlineData("cgroupDriver: systemd\n", "cgroupDriver", "\"systemd\" is not supported")]
    [InlineData("crashLoopBackOff: {maxRestart: 1s}\n", "crashLoopBackOff", "unknown field \"crashLoopBackOff.maxRestart\"")]
    public void BadValue_NamesFileAndField(string body, string field, string detail)
    {
        var path = Write(body);

        var message = Should.Throw<ConfigException>(() => Apply(path)).Message;

        message.ShouldStartWith($"config file {path}: field \"{field}\": ");
        message.ShouldContain(detail);
    }

    [Theory]
    [InlineData("maxPods: many\n", "maxPods", "\"many\" is not a whole number")]
    [InlineData("maxPods: 1.5\n", "maxPods", "1.5 is not a whole number")]
    [InlineData("kubeAPIQPS: fast\n", "kubeAPIQPS", "\"fast\" is not a number")]
    [InlineData("registerNode: 1\n", "registerNode", "1 is not true or false")]
    [InlineData("featureGates: {A: maybe}\n", "featureGates", "\"maybe\" is not true or false")]
    public void WrongJsonType_NamesFileAndField(string body, string field, string detail)
    {
        var path = Write(body);

        Should.Throw<ConfigException>(() => Apply(path)).Message.ShouldBe($"config file {path}: field \"{field}\": {detail}");
    }

    [Fact]
    public void MissingFile_NamesIt()
    {
        var path = Path.Combine(dir, "missing.yaml");

        Should.Throw<ConfigException>(() => Apply(path)).Message.ShouldStartWith($"config file {path}: cannot read: ");
    }

    [Fact]
    public void TwoDocuments_AreAnError()
    {
        var path = Write("maxPods: 3\n---\nmaxPods: 4\n");

        Should.Throw<ConfigException>(() => Apply(path)).Message.ShouldBe($"config file {path}: expected one KubeletConfiguration object");
    }
}
