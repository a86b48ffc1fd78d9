using System.IO.Compression;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Cri.V1;
using Sharplet.Logs;
using Sharplet.TestSupport;
using Sharplet.Util;

namespace Sharplet.Tests.Logs;

// Upstream's container log manager: when a running container's log is rotated, what stays, what is compressed
// and what the runtime is told; on a fake runtime and clock and real files in a temporary pod log directory.
public sealed class ContainerLogRotationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 6, 30, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(T0);
    private readonly FakeRuntimeService runtime;
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-logrotate-").FullName;

    public ContainerLogRotationTests() => runtime = new FakeRuntimeService(time);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Plan_RemovesLeftoversAndTheOldestBeyondMaxFilesMinusTwo_CompressesTheSurvivors()
    {
        var plan = RotatedLogs.Plan(
        [
            "0.log.20261207-060000.gz", "0.log.20261207-060010", "0.log.20261207-060020",
            "0.log.20261207-060030.tmp", "0.log.20261207-060005", "0.log.20261207-060005.gz",
        ], maxFiles: 4);

        plan.Unused.ShouldBe(["0.log.20261207-060030.tmp", "0.log.20261207-060005"], ignoreOrder: true);
        plan.Excess.ShouldBe(["0.log.20261207-060000.gz", "0.log.20261207-060005.gz"]);
        plan.Kept.ShouldBe(["0.log.20261207-060010", "0.log.20261207-060020"]);
        plan.Compress.ShouldBe(["0.log.20261207-060010", "0.log.20261207-060020"]);
    }

    [Fact]
    public void Plan_MaxFilesTwo_KeepsNoRotatedFile()
    {
        var plan = RotatedLogs.Plan(["0.log.20261207-060000.gz", "0.log.20261207-060010"], maxFiles: 2);

        plan.Excess.Count.ShouldBe(2);
        plan.Kept.ShouldBeEmpty();
    }

    [Fact]
    public void RotatedName_IsGoTimestampFormatInUtc() =>
        RotatedLogs.RotatedName("/var/log/pods/x/c/0.log", new DateTimeOffset(2026, 12, 7, 8, 5, 9, TimeSpan.FromHours(2)))
            .ShouldBe("/var/log/pods/x/c/0.log.20261207-060509");

    [Theory]
    [InlineData("10Mi", 10L << 20)]
    [InlineData("1k", 1000L)]
    [InlineData("0", 0L)]
    public void Policy_ParsesTheSizeAsAQuantity(string size, long bytes) =>
        LogRotatePolicy.Create(size, 5, 1, TimeSpan.FromSeconds(10))!.MaxSize.ShouldBe(bytes);

    [Fact]
    public void Policy_NegativeSize_DisablesRotation() =>
        LogRotatePolicy.Create("-1", 5, 1, TimeSpan.FromSeconds(10)).ShouldBeNull();

    [Theory]
    [InlineData("ten", 5, 1, 10, "containerLogMaxSize")]
    [InlineData("10Mi", 1, 1, 10, "containerLogMaxFiles")]
    [InlineData("10Mi", 5, 0, 10, "containerLogMaxWorkers")]
    [InlineData("10Mi", 5, 1, 2, "containerLogMonitorInterval")]
    public void Policy_BadSetting_NamesTheField(string size, int files, int workers, int seconds, string field) =>
        Should.Throw<ConfigException>(() => LogRotatePolicy.Create(size, files, workers, TimeSpan.FromSeconds(seconds))).Message.ShouldStartWith(field);

    [Fact]
    public async Task LogAtMaxSize_IsRenamedToTimestamp_AndTheRuntimeReopensANewOne()
    {
        var (id, log) = await RunningContainerAsync("web");
        await File.WriteAllTextAsync(log, new string('x', 100));

        await Manager(maxSize: 100).RotateLogsAsync(CancellationToken.None);

        var rotated = log + ".20261207-063000";
        (await File.ReadAllTextAsync(rotated)).ShouldBe(new string('x', 100));
        new FileInfo(log).Length.ShouldBe(0, "the runtime reopened an empty current log");
        runtime.Calls.ShouldContain($"ReopenContainerLog {id}");
    }

    [Fact]
    public async Task LogBelowMaxSize_IsLeftAlone()
    {
        var (_, log) = await RunningContainerAsync("web");
        await File.WriteAllTextAsync(log, new string('x', 99));

        await Manager(maxSize: 100).RotateLogsAsync(CancellationToken.None);

        Directory.GetFiles(Path.GetDirectoryName(log)!).ShouldBe([log]);
        runtime.CountOf("ReopenContainerLog").ShouldBe(0);
    }

    [Fact]
    public async Task StoppedContainer_IsNotRotated()
    {
        var (id, log) = await RunningContainerAsync("web");
        await File.WriteAllTextAsync(log, new string('x', 1000));
        await runtime.StopContainerAsync(id, 0, CancellationToken.None);

        await Manager(maxSize: 100).RotateLogsAsync(CancellationToken.None);

        Directory.GetFiles(Path.GetDirectoryName(log)!).ShouldBe([log]);
    }

    [Fact]
    public async Task RepeatedRotations_KeepAtMostMaxFiles_OlderOnesGzipped()
    {
        var (_, log) = await RunningContainerAsync("web");
        var manager = Manager(maxSize: 10, maxFiles: 3);
        for (var i = 0; i < 5; i++)
        {
            await File.WriteAllTextAsync(log, $"round-{i}-padding");
            await manager.RotateLogsAsync(CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(10));
        }

        var files = Directory.GetFiles(Path.GetDirectoryName(log)!).Order(StringComparer.Ordinal).ToList();
        files.ShouldBe([log, log + ".20261207-063030.gz", log + ".20261207-063040"]);
        (await File.ReadAllTextAsync(files[2])).ShouldBe("round-4-padding", "the newest rotation stays uncompressed");
        await using var gzip = new GZipStream(File.OpenRead(files[1]), CompressionMode.Decompress);
        (await new StreamReader(gzip).ReadToEndAsync()).ShouldBe("round-3-padding");
    }

    [Fact]
    public async Task ReopenFails_TheRotatedLogIsRenamedBack_AndTheNextPassRotates()
    {
        var (_, log) = await RunningContainerAsync("web");
        await File.WriteAllTextAsync(log, new string('x', 100));
        runtime.FailNext("ReopenContainerLog", new RpcException(new Status(StatusCode.Unavailable, "runtime down")));
        var manager = Manager(maxSize: 100);

        await manager.RotateLogsAsync(CancellationToken.None);

        Directory.GetFiles(Path.GetDirectoryName(log)!).ShouldBe([log]);
        (await File.ReadAllTextAsync(log)).Length.ShouldBe(100);
        await manager.RotateLogsAsync(CancellationToken.None);
        File.Exists(log + ".20261207-063000").ShouldBeTrue();
    }

    [Fact]
    public async Task MissingCurrentLog_IsReopened()
    {
        var (id, log) = await RunningContainerAsync("web");
        File.Delete(log);

        await Manager(maxSize: 100).RotateLogsAsync(CancellationToken.None);

        runtime.Calls.ShouldContain($"ReopenContainerLog {id}");
        File.Exists(log).ShouldBeTrue();
    }

    [Fact]
    public async Task OneContainersFailure_DoesNotStopTheOthers()
    {
        var (_, broken) = await RunningContainerAsync("broken");
        var (_, fine) = await RunningContainerAsync("fine");
        await File.WriteAllTextAsync(broken, new string('x', 100));
        await File.WriteAllTextAsync(fine, new string('x', 100));
        // A directory where the broken container's next rotation must go: its rename fails.
        Directory.CreateDirectory(broken + ".20261207-063000");

        await Manager(maxSize: 100).RotateLogsAsync(CancellationToken.None);

        File.Exists(fine + ".20261207-063000").ShouldBeTrue();
        File.Exists(broken).ShouldBeTrue();
    }

    [Fact]
    public async Task RemovingAContainer_RemovesItsLogAndEveryRotation()
    {
        var (_, log) = await RunningContainerAsync("web");
        await File.WriteAllTextAsync(log + ".20261207-060000.gz", "old");
        await File.WriteAllTextAsync(log + ".20261207-060010", "newer");
        var other = Path.Combine(Path.GetDirectoryName(log)!, "10.log");
        await File.WriteAllTextAsync(other, "another instance");

        RotatedLogs.RemoveAll(log);

        Directory.GetFiles(Path.GetDirectoryName(log)!).ShouldBe([other]);
    }

    private ContainerLogManager Manager(long maxSize, int maxFiles = 5) =>
        new(runtime, new LogRotatePolicy(maxSize, maxFiles, 2, TimeSpan.FromSeconds(10)), time, NullLogger<ContainerLogManager>.Instance);

    private async Task<(string Id, string Log)> RunningContainerAsync(string name)
    {
        var podDir = Path.Combine(dir, $"default_{name}_uid-{name}");
        Directory.CreateDirectory(Path.Combine(podDir, "c"));
        var sandboxConfig = new PodSandboxConfig { Metadata = new PodSandboxMetadata { Name = name, Namespace = "default", Uid = $"uid-{name}" }, LogDirectory = podDir };
        var sandbox = await runtime.RunPodSandboxAsync(sandboxConfig, string.Empty, CancellationToken.None);
        var config = new ContainerConfig { Metadata = new ContainerMetadata { Name = "c" }, Image = new ImageSpec { Image = "busybox" }, LogPath = "c/0.log" };
        var id = await runtime.CreateContainerAsync(sandbox, config, sandboxConfig, CancellationToken.None);
        await runtime.StartContainerAsync(id, CancellationToken.None);
        var log = Path.Combine(podDir, "c", "0.log");
        await File.WriteAllTextAsync(log, string.Empty);
        return (id, log);
    }
}
