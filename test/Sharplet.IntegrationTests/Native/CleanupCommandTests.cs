using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Native;

// `sharplet cleanup` (what scripts/local-node down runs for /var/lib/sharplet) on a private root dir, against the
// shared containerd: after the agent stopped, its pod is stopped and removed in the runtime, and the machine
// is as before the agent ran as far as that pod goes: no mount (its emptyDir tmpfs), no cgroup, no IP lease,
// no iptables rule, no log directory, no root dir. A second run finds nothing and does nothing.
public sealed class CleanupCommandTests : IAsyncLifetime
{
    private readonly Hosting.SharpletSettings settings = SharpletNode.DefaultSettings("native-cleanup");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => SharpletNode.RemoveEverythingAsync(settings);

    private string[] CleanupArgs() =>
        ["cleanup", "--root-dir", settings.RootDir, "--pod-logs-dir", settings.PodLogsDir, "--container-runtime-endpoint", settings.ContainerRuntimeEndpoint];

    private static IEnumerable<string> Mounts(string fragment) =>
        Sharplet.Cm.MountInfo.ReadAll().Select(m => m.MountPoint).Where(m => m.Contains(fragment, StringComparison.Ordinal));

    private static IEnumerable<string> Cgroups(string uid) =>
        Directory.EnumerateDirectories("/sys/fs/cgroup", "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 6 })
            .Where(d => d.Contains(uid, StringComparison.Ordinal));

    private static async Task<IEnumerable<string>> IptablesAsync(string fragment)
    {
        var (_, rules) = await Command.RunAsync("iptables-save", []);
        return rules.Split('\n').Where(l => l.Contains(fragment, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cleanup_AfterTheAgentStopped_RemovesItsPodsMountsCgroupsLogsAndRootDir_ThenIsANoOp()
    {
        File.WriteAllText(Path.Combine(settings.StaticPodPath!, "scratch.yaml"), new StaticPod("scratch").GracePeriod(1)
            .Shell("main", "echo hello; sleep 3600").Mount("mem", "/mem")
            .With(c => c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources(("cpu", "10m"), ("memory", "8Mi")) })
            .EmptyDir("mem", medium: "Memory")
            .ToYaml());
        var podName = $"scratch-{settings.HostnameOverride}";
        using var sharplet = SharpletProcess.Start(settings);
        var pod = (await SharpletProcess.WaitForPodsAsync(settings.RootDir, $"{podName} running",
            p => p.Any(x => x.Metadata?.Name == podName && x.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Running is not null), TimeSpan.FromSeconds(60)))
            .Single(x => x.Metadata?.Name == podName);
        var uid = pod.Metadata!.Uid!;
        var ip = pod.Status!.PodIP!;

        // While the agent runs, cleanup refuses (it would pull the pods from under it).
        var (busy, busyOutput) = await SharpletProcess.RunAsync(CleanupArgs());
        busy.ShouldBe(1, busyOutput);
        busyOutput.ShouldContain("stop it first");

        await sharplet.SignalAndWaitAsync("TERM", TimeSpan.FromSeconds(30));
        sharplet.ExitCode.ShouldBe(0);

        // What the stopped agent leaves (the pods keep running, as upstream's): the test would prove nothing otherwise.
        Mounts(settings.RootDir + "/pods/" + uid + "/volumes").ShouldNotBeEmpty("the emptyDir tmpfs");
        Cgroups(uid).ShouldNotBeEmpty("the pod cgroup");
        (await SharpletProcess.SandboxesOfPodAsync(settings.ContainerRuntimeEndpoint, uid)).ShouldHaveSingleItem().State.ShouldBe(PodSandboxState.SandboxReady);
        Directory.EnumerateDirectories(settings.PodLogsDir).ShouldContain(d => d.EndsWith("_" + uid, StringComparison.Ordinal));
        var lease = Path.Combine(LocalNode.StateDir, "cni", "ipam", "sharplet-local", ip);
        File.Exists(lease).ShouldBeTrue($"the IP lease {lease}");

        var (code, output) = await SharpletProcess.RunAsync(CleanupArgs());

        code.ShouldBe(0, output);
        output.ShouldContain($"stopped and removed pod default/{podName} ({uid})");
        (await SharpletProcess.SandboxesOfPodAsync(settings.ContainerRuntimeEndpoint, uid)).ShouldBeEmpty();
        Mounts(settings.RootDir).ShouldBeEmpty();
        Mounts(uid).ShouldBeEmpty("the pod's netns and rootfs mounts go with the sandbox");
        Cgroups(uid).ShouldBeEmpty();
        File.Exists(lease).ShouldBeFalse("CNI DEL released the pod's IP");
        (await IptablesAsync(ip + "/")).ShouldBeEmpty();
        (await IptablesAsync(uid)).ShouldBeEmpty();
        Directory.Exists(settings.RootDir).ShouldBeFalse();
        Directory.EnumerateDirectories(settings.PodLogsDir).ShouldNotContain(d => d.EndsWith("_" + uid, StringComparison.Ordinal));

        var (again, againOutput) = await SharpletProcess.RunAsync(CleanupArgs());
        again.ShouldBe(0, againOutput);
        againOutput.ShouldContain("nothing to clean");
    }
}
