using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;

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
        node.WriteManifest("share.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: share
            spec:
              restartPolicy: Never
              containers:
              - name: writer
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo shared-data > /a/file; sleep 3600"]
                volumeMounts: [{name: disk, mountPath: /a}, {name: mem, mountPath: /m}]
              - name: reader
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "until [ -f /b/file ]; do sleep 0.1; done; cat /b/file > /dev/termination-log; grep ' /m ' /proc/mounts >> /dev/termination-log; df -k /m | tail -1 | awk '{print $2}' >> /dev/termination-log"]
                volumeMounts: [{name: disk, mountPath: /b, readOnly: true}, {name: mem, mountPath: /m}]
              volumes:
              - name: disk
                emptyDir: {}
              - name: mem
                emptyDir: {medium: Memory, sizeLimit: 8Mi}
            """);

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
        node.WriteManifest("hostpath.yaml", $$"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: hostpath
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sh", "-c", "echo from-pod > /data/out.txt; echo sub > /sub/in-sub.txt; if touch /ro/x 2>/dev/null; then exit 9; fi"]
                volumeMounts:
                - {name: host, mountPath: /data}
                - {name: host, mountPath: /sub, subPath: nested/deeper}
                - {name: host, mountPath: /ro, readOnly: true}
              volumes:
              - name: host
                hostPath: {path: {{dir}}, type: DirectoryOrCreate}
            """);

        var entry = await node.WaitForAsync("hostpath", "phase Succeeded", e => e.Status.Phase is PodPhase.Succeeded or PodPhase.Failed);

        entry.Status.Phase.ShouldBe(PodPhase.Succeeded);
        (await File.ReadAllTextAsync(Path.Combine(dir, "out.txt"))).ShouldBe("from-pod\n");
        (await File.ReadAllTextAsync(Path.Combine(dir, "nested", "deeper", "in-sub.txt"))).ShouldBe("sub\n");
    }

    [Fact]
    public async Task HostPath_TypeCheckFails_PodWaitsWithFailedMountAndOthersAreUnaffected()
    {
        node.WriteManifest("missing-host.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: missing-host
            spec:
              containers:
              - name: main
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
                volumeMounts: [{name: host, mountPath: /data}]
              volumes:
              - name: host
                hostPath: {path: /nonexistent/sharplet-test, type: Directory}
            """);
        node.WriteManifest("neighbour.yaml", """
            apiVersion: v1
            kind: Pod
            metadata:
              name: neighbour
            spec:
              containers:
              - name: main
                image: busybox
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
            """);

        await node.WaitForAsync("neighbour", "Running", e => e.Status.Phase == PodPhase.Running);
        var waiting = await node.WaitForAsync("missing-host", "ContainerCreating", e => SharpletNode.Container(e, "main").State?.Waiting?.Reason == "ContainerCreating");

        waiting.Status.Phase.ShouldBe(PodPhase.Pending);
        node.Log.ShouldContain(l => l.Contains("FailedMount", StringComparison.Ordinal) && l.Contains("/nonexistent/sharplet-test is not a directory", StringComparison.Ordinal));
    }
}
