using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Volumes;

public sealed class VolumeTests : IAsyncLifetime
{
    private SharpletNode node = null!;
    private string hostDir = null!;

    public async Task InitializeAsync()
    {
        node = await SharpletNode.StartAsync(SharpletNode.DefaultSettings("volumes"));
        hostDir = Path.Combine(Path.GetDirectoryName(node.Settings.RootDir)!, "host");
    }

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task EmptyDir_SharedBetweenContainers_MemoryMediumIsTmpfsWithSizeLimit()
    {
        node.WriteManifest(new StaticPod("share").RestartPolicy(RestartPolicy.Never)
            .Shell("writer", "echo shared-data > /a/file; sleep 3600").Mount("disk", "/a").Mount("mem", "/m")
            .Shell("reader", "until [ -f /b/file ]; do sleep 0.1; done; cat /b/file > /dev/termination-log; grep ' /m ' /proc/mounts >> /dev/termination-log; df -k /m | tail -1 | awk '{print $2}' >> /dev/termination-log")
            .Mount("disk", "/b", readOnly: true).Mount("mem", "/m")
            .EmptyDir("disk")
            .Volume(new Volume { Name = "mem", EmptyDir = new EmptyDirVolumeSource { Medium = "Memory", SizeLimit = Quantity.Parse("8Mi") } }));

        var entry = await node.WaitForAsync("share", "reader finished", e => SharpletNode.Container(e, "reader").State?.Terminated is not null);

        var lines = SharpletNode.Container(entry, "reader").State!.Terminated!.Message!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("shared-data");
        lines[1].ShouldContain("tmpfs");
        lines[2].ShouldBe("8192");
        SharpletNode.Container(entry, "reader").State!.Terminated!.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task HostPath_DirectoryOrCreate_SubPathAndReadOnly()
    {
        var dir = Path.Combine(hostDir, "data");
        node.WriteManifest(new StaticPod("hostpath").RestartPolicy(RestartPolicy.Never)
            .Shell("main", "echo from-pod > /data/out.txt; echo sub > /sub/in-sub.txt; if touch /ro/x 2>/dev/null; then exit 9; fi")
            .Mount("host", "/data")
            .With(c => c.VolumeMounts!.Add(new VolumeMount { Name = "host", MountPath = "/sub", SubPath = "nested/deeper" }))
            .Mount("host", "/ro", readOnly: true)
            .HostPath("host", dir, type: "DirectoryOrCreate"));

        var entry = await node.WaitForAsync("hostpath", "phase Succeeded", e => e.Status.Phase is PodPhase.Succeeded or PodPhase.Failed);

        entry.Status.Phase.ShouldBe(PodPhase.Succeeded);
        (await File.ReadAllTextAsync(Path.Combine(dir, "out.txt"))).ShouldBe("from-pod\n");
        (await File.ReadAllTextAsync(Path.Combine(dir, "nested", "deeper", "in-sub.txt"))).ShouldBe("sub\n");
    }

    [Fact]
    public async Task HostPath_TypeCheckFails_PodWaitsWithFailedMountAndOthersAreUnaffected()
    {
        node.WriteManifest(new StaticPod("missing-host").Busybox("main", "sleep", "3600").Mount("host", "/data")
            .HostPath("host", "/nonexistent/sharplet-test", type: "Directory"));
        node.WriteManifest(new StaticPod("neighbour").Busybox("main", "sleep", "3600"));

        await node.WaitForAsync("neighbour", "Running", e => e.Status.Phase == PodPhase.Running);
        var waiting = await node.WaitForAsync("missing-host", "ContainerCreating", e => SharpletNode.Container(e, "main").State?.Waiting?.Reason == "ContainerCreating");

        waiting.Status.Phase.ShouldBe(PodPhase.Pending);
        node.Log.ShouldContain(l => l.Contains("FailedMount", StringComparison.Ordinal) && l.Contains("/nonexistent/sharplet-test is not a directory", StringComparison.Ordinal));
    }
}
