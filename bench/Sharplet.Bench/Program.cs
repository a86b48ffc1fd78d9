using System.Diagnostics;
using System.Globalization;
using Sharplet.Bench;
using Sharplet.Cri;
using Sharplet.Grpc;
using Sharplet.Hosting;
using Sharplet.TestSupport;

// Sharplet against the raw CRI floor, in one run on the real stack (see bench/README.md). Every figure is a
// ratio or difference against the baseline measured in this same run, alternating the two so that machine
// noise falls on both.
var endpoint = Environment.GetEnvironmentVariable("CONTAINER_RUNTIME_ENDPOINT")
    ?? throw new InvalidOperationException("CONTAINER_RUNTIME_ENDPOINT is not set: run through scripts/bench (it brings the local node up)");
var single = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
var batch = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var window = TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60);
var baseDir = Path.Combine("/var/tmp/sharplet-bench", DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture));
var rawLabel = "bench-raw";
using var cri = new CriConnection(endpoint, null, new GrpcChannelOptions(), new CriTimeouts(), TimeProvider.System);
var raw = new RawCri(cri.Runtime, Path.Combine(baseDir, "raw-logs"), rawLabel);

var settings = new SharpletSettings
{
    HostnameOverride = "bench-sharplet",
    RootDir = Path.Combine(baseDir, "root"),
    PodLogsDir = Path.Combine(baseDir, "logs"),
    StaticPodPath = Path.Combine(baseDir, "manifests"),
    ContainerRuntimeEndpoint = endpoint,
    HealthzPort = 0,
};
Directory.CreateDirectory(settings.StaticPodPath);

// The agent's log lines (stderr, klog format) go to a file: kept when the run fails, printed path at the end.
var logPath = Path.Combine("/var/tmp/sharplet-bench", "last-run.log");
using var logWriter = new StreamWriter(logPath) { AutoFlush = true };
Console.SetError(logWriter);

try
{
    await using var sharplet = await InProcessSharplet.StartAsync(settings);

    // Warm-up of both paths (JIT, containerd caches); not measured.
    await raw.StartPodAsync("warm-raw", CancellationToken.None);
    sharplet.Write("warm");
    await sharplet.WaitRunningAsync("warm", TimeSpan.FromSeconds(60));
    await ClearAsync();
    await ClearSharpletAsync(sharplet);

    var samePod = new SamePodCri(sharplet.Services, cri.Runtime, Path.Combine(baseDir, "raw-root"), rawLabel);
    await samePod.StartPodAsync("warm-same", InProcessSharplet.Manifest("warm-same"), CancellationToken.None);
    await ClearAsync();

    Console.WriteLine($"Single pod start, {single} pods in sequence (the two raw CRI floors and Sharplet alternating)");
    var minimalTimes = new List<double>();
    var rawTimes = new List<double>();
    var sharpletTimes = new List<double>();
    long sharpletAllocated = 0;
    // BENCH_ALLOC_TYPES=1: also a sampled profile of what the starts allocate, by type (see AllocationProfile).
    using var profile = Environment.GetEnvironmentVariable("BENCH_ALLOC_TYPES") == "1" ? new AllocationProfile() : null;
    for (var i = 0; i < single; i++)
    {
        minimalTimes.Add(await raw.StartPodAsync($"raw-{i}", CancellationToken.None));
        rawTimes.Add(await samePod.StartPodAsync($"same-{i}", InProcessSharplet.Manifest($"same-{i}"), CancellationToken.None));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var t0 = Stopwatch.GetTimestamp();
        profile?.Enabled = true;
        sharplet.Write($"single-{i}");
        var (seen, _, _) = await sharplet.WaitRunningAsync($"single-{i}", TimeSpan.FromSeconds(60));
        profile?.Enabled = false;
        sharpletTimes.Add(Stopwatch.GetElapsedTime(t0, seen).TotalMilliseconds);
        sharpletAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    }

    Print("raw CRI, minimal configs (RunPodSandbox+CreateContainer+StartContainer)", minimalTimes);
    Print("raw CRI, the configs Sharplet sends for the same pod", rawTimes);
    Print("Sharplet (manifest written -> reported Running)", sharpletTimes);
    var overhead = Stats.Median(sharpletTimes) - Stats.Median(rawTimes);
    Console.WriteLine($"  median overhead over the same pod's raw CRI calls {Stats.Ms(overhead)} per pod (target < 15 ms); ratio {Stats.Median(sharpletTimes) / Stats.Median(rawTimes):0.00}x");
    // The in-process agent's managed allocations while each pod started (the bench's own waiting included,
    // a few hundred bytes): the figure to drive down.
    Console.WriteLine($"  managed allocations per pod start {sharpletAllocated / 1024.0 / single:0.0} KB");
    profile?.Print();

    // The same figure's share of periodic work that is no pod start's: with the pods of the loop still running,
    // what the agent allocates per second doing nothing (the PLEG relists the whole runtime every second, other
    // pods' workers resync), times one start's duration. Printed beside the figure, not taken off it.
    var idleBefore = GC.GetTotalAllocatedBytes(precise: true);
    var idleStart = Stopwatch.GetTimestamp();
    await Task.Delay(TimeSpan.FromSeconds(3));
    var idleRate = (GC.GetTotalAllocatedBytes(precise: true) - idleBefore) / Stopwatch.GetElapsedTime(idleStart).TotalSeconds;
    Console.WriteLine($"    of which periodic work, not the start: ~{idleRate * Stats.Median(sharpletTimes) / 1000 / 1024.0:0.0} KB ({idleRate / 1024.0:0} KB/s idle with {single} pods running, times the median start)");
    Console.WriteLine($"  over the minimal-config floor {Stats.Ms(Stats.Median(sharpletTimes) - Stats.Median(minimalTimes))} (the runtime's work for /etc/hosts, termination-log and resolv.conf mounts included)");
    await ClearAsync();
    await ClearSharpletAsync(sharplet);

    Console.WriteLine();
    Console.WriteLine($"Batch of {batch} pods at once, {rounds} rounds");
    var rawBatches = new List<double>();
    var sharpletBatches = new List<double>();
    var reportLags = new List<double>();
    var runtimeReplies = new List<double>();
    var sharpletShares = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        var t0 = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, batch).Select(i =>
            samePod.StartPodAsync($"batch-raw-{round}-{i}", InProcessSharplet.Manifest($"batch-raw-{round}-{i}"), CancellationToken.None)));
        rawBatches.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        await ClearAsync();

        t0 = Stopwatch.GetTimestamp();
        var wallStart = DateTimeOffset.UtcNow;
        for (var i = 0; i < batch; i++)
        {
            sharplet.Write($"batch-{round}-{i}");
        }

        var seen = await Task.WhenAll(Enumerable.Range(0, batch).Select(i => sharplet.WaitRunningAsync($"batch-{round}-{i}", TimeSpan.FromSeconds(120))));
        sharpletBatches.Add(Stopwatch.GetElapsedTime(t0, seen.Max(s => s.Ticks)).TotalMilliseconds);

        // How late the report came after the container actually started (containerd's own start time), and how
        // much of that was the runtime's own reply to StartContainer (no report can precede it).
        foreach (var (ticks, startedAt, containerId) in seen)
        {
            if (startedAt is { } started)
            {
                var reportedAt = wallStart + Stopwatch.GetElapsedTime(t0, ticks);
                reportLags.Add((reportedAt - started).TotalMilliseconds);
                if (containerId is not null && sharplet.Starts.StartReturned.TryGetValue(containerId, out var returned))
                {
                    runtimeReplies.Add((wallStart + Stopwatch.GetElapsedTime(t0, returned) - started).TotalMilliseconds);
                    sharpletShares.Add(Stopwatch.GetElapsedTime(returned, ticks).TotalMilliseconds);
                }
            }
        }

        await ClearSharpletAsync(sharplet);
    }

    Print("raw CRI with the same configs, all concurrent", rawBatches);
    Print("Sharplet, all manifests at once", sharpletBatches);
    Console.WriteLine($"  batch ratio {Stats.Median(sharpletBatches) / Stats.Median(rawBatches):0.00}x (target <= 1.10x)");
    Print("report lag (reported Running - container started)", reportLags);
    Console.WriteLine($"  max report lag {Stats.Ms(reportLags.DefaultIfEmpty(double.NaN).Max())} (target <= 100 ms)");
    PrintWithMax("  the runtime's part (its start time -> its StartContainer reply)", runtimeReplies);
    PrintWithMax("  Sharplet's part (that reply -> reported Running)", sharpletShares);
}
finally
{
    await RuntimeCleanup.RemoveNodeAsync(cri.Runtime, rawLabel);
    await RuntimeCleanup.RemoveNodeAsync(cri.Runtime, settings.HostnameOverride);
}

// The shipped binary (scripts/bench publishes it with scripts/build-native and names it here).
var binary = Environment.GetEnvironmentVariable("SHARPLET_BINARY");
if (binary is { Length: > 0 } && File.Exists(binary))
{
    Console.WriteLine();
    Console.WriteLine($"The NativeAOT sharplet as its own process, {batch} pods, {window.TotalSeconds:0} s windows");
    try
    {
        // Five fresh starts for exec -> first pod: one start is one sample of a figure that moves by tens of ms.
        await new NativeProbe(binary, endpoint, Path.Combine(baseDir, "native"), window).RunAsync(batch, firstPodRounds: 5);
    }
    finally
    {
        await RuntimeCleanup.RemoveNodeAsync(cri.Runtime, "bench-native");
    }
}
else
{
    Console.WriteLine("SHARPLET_BINARY is not set: the native binary's figures are skipped (run through scripts/bench)");
}

foreach (var mount in Sharplet.Cm.MountInfo.ReadAll().Where(m => m.MountPoint.StartsWith(baseDir, StringComparison.Ordinal)))
{
    Sharplet.Cm.LinuxMounts.Unmount(mount.MountPoint);
}

Directory.Delete(baseDir, recursive: true);
Console.WriteLine();
Console.WriteLine($"Sharplet's log of this run: {logPath}");
return 0;

async Task ClearAsync()
{
    await RuntimeCleanup.RemoveNodeAsync(cri.Runtime, rawLabel);
}

// Both sides start every measurement from an empty node: Sharplet's manifests are deleted and its pods awaited
// gone (pods left running would make every later relist bigger than the raw side's).
static async Task ClearSharpletAsync(InProcessSharplet sharplet)
{
    sharplet.RemoveAllManifests();
    await sharplet.WaitGoneAsync(TimeSpan.FromSeconds(120));
}

static void Print(string what, IReadOnlyList<double> values) =>
    Console.WriteLine($"  {what}: median {Stats.Ms(Stats.Median(values))}, p99 {Stats.Ms(Stats.Percentile(values, 99))}, n={values.Count}");

static void PrintWithMax(string what, IReadOnlyList<double> values) =>
    Console.WriteLine($"  {what}: median {Stats.Ms(Stats.Median(values))}, p99 {Stats.Ms(Stats.Percentile(values, 99))}, max {Stats.Ms(values.DefaultIfEmpty(double.NaN).Max())}, n={values.Count}");
