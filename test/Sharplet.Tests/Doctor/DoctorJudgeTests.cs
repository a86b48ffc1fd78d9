using Sharplet.Cri;
using Sharplet.Doctor;
using Sharplet.Eviction;

namespace Sharplet.Tests.Doctor;

public sealed class DoctorJudgeTests
{
    private static readonly Dictionary<string, string> Empty = [];

    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RuntimeSocketGone_FailsNamingTheSocket_AndSaysToStartTheRuntime()
    {
        var result = RuntimeCheck.Judge(new CriObservation("unix:///run/x.sock", "/run/x.sock", false, "/run/x.sock does not exist"));

        result.Verdict.ShouldBe(Verdict.Fail);
        result.Detail.ShouldContain("/run/x.sock");
        result.Fix.ShouldNotBeNull().ShouldContain("--container-runtime-endpoint");
    }

    [Fact]
    public void RuntimeWithOldCriVersion_Fails() =>
        RuntimeCheck.Judge(new CriObservation("e", "p", true, null, "containerd", "1.5", "v1alpha2")).Verdict.ShouldBe(Verdict.Fail);

    [Fact]
    public void RuntimeSpeakingCriV1_IsOk() =>
        RuntimeCheck.Judge(new CriObservation("e", "p", true, null, "containerd", "1.6.20", "v1")).Detail.ShouldBe("containerd 1.6.20 (CRI v1) at e");

    [Fact]
    public void NetworkNotReady_FailsPointingAtCni() =>
        RuntimeReadyCheck.Judge(new CriObservation("e", "p", true, null, "containerd", "1.6", "v1", new RuntimeConditions(true, false, "container runtime network not ready: NetworkPluginNotReady")))
            .ShouldSatisfyAllConditions(r => r.Verdict.ShouldBe(Verdict.Fail), r => r.Detail.ShouldContain("NetworkPluginNotReady"));

    [Fact]
    public void NoCniConfig_FailsNamingTheDirectory() =>
        CniCheck.Judge(new CniObservation("/etc/cni/net.d", "/opt/cni/bin", null, null, [], []))
            .ShouldSatisfyAllConditions(r => r.Verdict.ShouldBe(Verdict.Fail), r => r.Detail.ShouldContain("/etc/cni/net.d"));

    [Fact]
    public void CniPluginMissing_FailsNamingThePlugin() =>
        CniCheck.Judge(new CniObservation("/c", "/b", "/c/10.conflist", "net", ["bridge", "portmap"], ["portmap"]))
            .ShouldSatisfyAllConditions(r => r.Verdict.ShouldBe(Verdict.Fail), r => r.Detail.ShouldContain("portmap"));

    [Fact]
    public void CniDirs_AreReadFromContainerdsVerboseConfig() =>
        CniCheck.RuntimeDirs("""{"cni":{"binDir":"/usr/lib/cni","confDir":"/x/net.d"},"containerd":{}}""").ShouldBe(("/x/net.d", "/usr/lib/cni"));

    [Fact]
    public void CniConfig_OnDisk_FindsTheFirstConfigAndItsMissingPlugins()
    {
        var dir = Directory.CreateTempSubdirectory("sharplet-cni-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "conf"));
            Directory.CreateDirectory(Path.Combine(dir, "bin"));
            File.WriteAllText(Path.Combine(dir, "conf", "10-a.conflist"), """{"name":"a","plugins":[{"type":"bridge"},{"type":"portmap"}]}""");
            File.WriteAllText(Path.Combine(dir, "conf", "20-b.conf"), """{"name":"b","type":"other"}""");
            File.WriteAllText(Path.Combine(dir, "bin", "bridge"), string.Empty);

            var o = CniCheck.Observe(Path.Combine(dir, "conf"), Path.Combine(dir, "bin"));

            o.NetworkName.ShouldBe("a");
            o.PluginTypes.ShouldBe(["bridge", "portmap"]);
            o.MissingPlugins.ShouldBe(["portmap"]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void RuntimeWithSystemdCgroupDriver_FailsAsADriverMismatch()
    {
        CgroupCheck.RuntimeUsesSystemd("""{"containerd":{"runtimes":{"runc":{"options":{"SystemdCgroup":true}}}}}""").ShouldBe(true);
        CgroupCheck.Judge("cpu memory pids", [], true, "/", true).Verdict.ShouldBe(Verdict.Fail);
    }

    [Fact]
    public void CgroupV2WithoutPidsController_Fails() =>
        CgroupCheck.Judge("cpu memory io", [], true, "/", false).Detail.ShouldContain("pids");

    [Fact]
    public void CgroupV1WithEveryController_IsOk() =>
        CgroupCheck.Judge(null, ["cpu", "memory", "pids"], true, "/", false).ShouldSatisfyAllConditions(r => r.Verdict.ShouldBe(Verdict.Ok), r => r.Detail.ShouldContain("cgroup v1"));

    [Fact]
    public void ActiveSwap_IsAWarning() =>
        SwapCheck.Judge("Filename\tType\tSize\tUsed\tPriority\n/swapfile file 1048572 0 -2\n").Verdict.ShouldBe(Verdict.Warning);

    [Fact]
    public void NoSwap_IsOk() => SwapCheck.Judge("Filename\tType\tSize\tUsed\tPriority\n").Verdict.ShouldBe(Verdict.Ok);

    [Fact]
    public void BrNetfilterMissingAndForwardingOff_FailsWithBothFixes()
    {
        var result = KernelCheck.Judge(null, "0\n");

        result.Verdict.ShouldBe(Verdict.Fail);
        result.Fix.ShouldNotBeNull().ShouldContain("modprobe br_netfilter");
        result.Fix.ShouldContain("net.ipv4.ip_forward=1");
    }

    [Fact]
    public void ApiUnreachable_Fails() =>
        ApiServerCheck.Judge(new ApiObservation(new Uri("https://10.0.0.1:6443"), null, null, "Connection refused", null, null, Now, Now))
            .ShouldSatisfyAllConditions(r => r.Verdict.ShouldBe(Verdict.Fail), r => r.Detail.ShouldContain("Connection refused"));

    [Fact]
    public void ApiRefusingTheIdentity_FailsAsACredentialProblem() =>
        ApiServerCheck.Judge(new ApiObservation(new Uri("https://a"), null, 401, "Unauthorized", null, null, Now, Now)).Fix.ShouldNotBeNull().ShouldContain("credential");

    [Fact]
    public void NoKubeconfig_SkipsTheApiChecks()
    {
        ApiServerCheck.Judge(null).Verdict.ShouldBe(Verdict.Skipped);
        ClockSkewCheck.Judge(null).Verdict.ShouldBe(Verdict.Skipped);
        LeaseCheck.Judge(null, Now).Verdict.ShouldBe(Verdict.Skipped);
    }

    [Theory]
    [InlineData(0, "Ok")]
    [InlineData(5.5, "Ok")]
    [InlineData(10, "Warning")]
    [InlineData(-45, "Fail")]
    public void ClockSkew_AgainstTheServersDate(double nodeAheadSeconds, string verdictName) =>
        ClockSkewCheck.Judge(new ApiObservation(new Uri("https://a"), null, 200, null, "v1.20.2", Now, Now.AddSeconds(nodeAheadSeconds), Now.AddSeconds(nodeAheadSeconds)))
            .Verdict.ShouldBe(Enum.Parse<Verdict>(verdictName));

    [Fact]
    public void ExpiredClientCertificate_FailsWithItsDate() =>
        CertificatesCheck.Judge([new CertificateFacts("client certificate", "/k", Now.AddDays(-30), Now.AddHours(-1))], Now, rotating: true)
            .ShouldSatisfyAllConditions(r => r.Verdict.ShouldBe(Verdict.Fail), r => r.Detail.ShouldContain("expired 2026-06-01 11:00:00Z"));

    [Fact]
    public void CertificateEndingThisWeek_WarnsOnlyWithoutRotation()
    {
        var facts = new[] { new CertificateFacts("client certificate", "/k", Now.AddDays(-30), Now.AddDays(2)) };
        CertificatesCheck.Judge(facts, Now, rotating: false).Verdict.ShouldBe(Verdict.Warning);
        CertificatesCheck.Judge(facts, Now, rotating: true).Verdict.ShouldBe(Verdict.Ok);
    }

    [Fact]
    public void StaleLease_Fails_FreshLease_IsOk()
    {
        LeaseCheck.Judge(new LeaseObservation("n", true, Now.AddSeconds(-60), 40), Now).Verdict.ShouldBe(Verdict.Fail);
        LeaseCheck.Judge(new LeaseObservation("n", true, Now.AddSeconds(-5), 40), Now).Verdict.ShouldBe(Verdict.Ok);
        LeaseCheck.Judge(new LeaseObservation("n", false, null, null), Now).Detail.ShouldContain("no lease");
    }

    [Fact]
    public void DiskBelowTheDiskThreshold_Fails_NearIt_Warns()
    {
        var thresholds = ThresholdConfig.Parse(new Dictionary<string, string> { ["nodefs.available"] = "10%", ["nodefs.inodesFree"] = "5%" }, Empty, Empty, Empty, enforcePodsAllocatable: false);
        DiskCheck.Judge([new FilesystemFacts("nodefs", "/var/lib/sharplet", 5, 100, 50, 100)], thresholds, []).Verdict.ShouldBe(Verdict.Fail);
        DiskCheck.Judge([new FilesystemFacts("nodefs", "/var/lib/sharplet", 15, 100, 50, 100)], thresholds, []).Verdict.ShouldBe(Verdict.Warning);
        DiskCheck.Judge([new FilesystemFacts("nodefs", "/var/lib/sharplet", 50, 100, 3, 100)], thresholds, []).Detail.ShouldContain("inodes");
        DiskCheck.Judge([new FilesystemFacts("nodefs", "/var/lib/sharplet", 50, 100, 50, 100)], thresholds, []).Verdict.ShouldBe(Verdict.Ok);
    }

    [Fact]
    public void Report_FailureMakesTheRunUnhealthy_AndJsonCarriesVerdictsAndFixes()
    {
        CheckResult[] results = [CheckResult.Ok("a", "fine"), new CheckResult("b", Verdict.Fail, "broken", "mend it")];

        DoctorRunner.Healthy(results).ShouldBeFalse();
        DoctorReport.Text(results).ShouldContain("fix: mend it");
        using var json = System.Text.Json.JsonDocument.Parse(DoctorReport.Json(results));
        json.RootElement.GetProperty("healthy").GetBoolean().ShouldBeFalse();
        json.RootElement.GetProperty("checks")[1].GetProperty("verdict").GetString().ShouldBe("fail");
        json.RootElement.GetProperty("checks")[1].GetProperty("fix").GetString().ShouldBe("mend it");
    }
}
