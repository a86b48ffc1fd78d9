using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.Logs;

// Container log rotation on the real containerd: a container writing numbered lines fast has its log rotated at
// containerLogMaxSize (through CRI ReopenContainerLog), never more than containerLogMaxFiles files stay, older
// rotations are gzipped, and `sharplet logs` reads the current file, `-f` following across the rotations.
public sealed partial class LogRotationTests : IAsyncLifetime
{
    private const int MaxFiles = 3;

    private SharpletNode node = null!;

    public async Task InitializeAsync()
    {
        var settings = SharpletNode.DefaultSettings("logrot");
        settings.ContainerLogMaxSize = "16Ki";
        settings.ContainerLogMaxFiles = MaxFiles;
        settings.ContainerLogMonitorInterval = TimeSpan.FromSeconds(3);
        node = await SharpletNode.StartAsync(settings);
        // About 100 lines of 100 bytes a second: some 30Ki, past the 16Ki limit, every 3 s pass.
        node.WriteManifest("writer.yaml", new StaticPod("rotwriter").GracePeriod(1)
            .Shell("talker", "i=0; pad=$(printf '%090d' 0); while true; do i=$((i+1)); echo \"line-$i-$pad\"; sleep 0.01; done"));
    }

    public async Task DisposeAsync()
    {
        var settings = node.Settings;
        await node.DisposeAsync();
        await SharpletNode.RemoveEverythingAsync(settings);
    }

    [Fact]
    public async Task FastWriter_IsRotatedAtMaxSize_KeepsAtMostMaxFiles_AndLogsReadsTheCurrentFileFollowingAcross()
    {
        var entry = await node.WaitForAsync("rotwriter", "talker running", e => SharpletNode.Container(e, "talker").State?.Running is not null);
        var dir = Path.Combine(node.Settings.PodLogsDir, $"default_{entry.Pod.Metadata!.Name}_{entry.Pod.Metadata.Uid}", "talker");
        var log = Path.Combine(dir, "0.log");
        var pod = node.PodName("rotwriter");

        // Follow from the start, through the rotations this test waits for.
        using var follow = Process.Start(Psi("logs", pod, "-c", "talker", "-f", "--root-dir", node.Settings.RootDir))!;
        var followed = new List<string>();
        follow.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (followed)
                {
                    followed.Add(line);
                }
            }
        };
        follow.BeginOutputReadLine();

        // Sample the directory until two rotated files exist, one of them compressed; every sample within the limit
        // (a compression's .tmp is transient scratch, not a log file).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var rotatedNames = new HashSet<string>(StringComparer.Ordinal);
        List<string> files = [];
        while (DateTime.UtcNow < deadline)
        {
            files = Directory.GetFiles(dir).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            files.Count.ShouldBeLessThanOrEqualTo(MaxFiles, string.Join(", ", files));
            rotatedNames.UnionWith(files.Where(f => f != log).Select(f => Path.GetFileName(f).Replace(".gz", string.Empty, StringComparison.Ordinal)));
            if (rotatedNames.Count >= 4 && files.Any(f => f.EndsWith(".gz", StringComparison.Ordinal)))
            {
                break;
            }

            await Task.Delay(200);
        }

        rotatedNames.Count.ShouldBeGreaterThanOrEqualTo(4, $"pod {pod}: log {log} not rotated four times within 60s; files: {string.Join(", ", files)}");
        rotatedNames.ShouldAllBe(n => RotatedName().IsMatch(n));

        // The compressed rotation holds CRI lines of the writer's output.
        var gz = files.First(f => f.EndsWith(".gz", StringComparison.Ordinal));
        await using (var gzip = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress))
        {
            var text = await new StreamReader(gzip).ReadToEndAsync();
            text.ShouldContain(" stdout F line-");
        }

        // `logs` reads the current file: its last line is newer than anything in the rotated files.
        var newestRotated = files.Where(f => f != log && !f.EndsWith(".gz", StringComparison.Ordinal)).Max(StringComparer.Ordinal);
        var rotatedLast = newestRotated is null ? 0 : File.ReadLines(newestRotated).Select(Number).DefaultIfEmpty(0).Max();
        var (code, output) = await SharpletProcess.RunAsync("logs", pod, "-c", "talker", "--tail", "1", "--root-dir", node.Settings.RootDir);
        code.ShouldBe(0, output);
        Number(output).ShouldBeGreaterThan(rotatedLast, output);

        // `-f` went on across the rotations: consecutive numbers from its first line to its last, no line lost.
        follow.Kill();
        await follow.WaitForExitAsync();
        List<long> numbers;
        lock (followed)
        {
            numbers = followed.Select(Number).ToList();
        }

        numbers.Count.ShouldBeGreaterThan(200, $"pod {pod}: logs -f printed only {numbers.Count} lines");
        numbers.Zip(numbers.Skip(1)).Where(p => p.Second != p.First + 1).ShouldBeEmpty("logs -f skipped or repeated lines across a rotation");
        numbers[^1].ShouldBeGreaterThan(rotatedLast);
    }

    private static ProcessStartInfo Psi(params string[] args)
    {
        var psi = SharpletProcess.StartInfo();
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        return psi;
    }

    private static long Number(string line) => LineNumber().Match(line) is { Success: true } m ? long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"line-(\d+)-")]
    private static partial Regex LineNumber();

    [GeneratedRegex(@"^0\.log\.\d{8}-\d{6}$")]
    private static partial Regex RotatedName();
}
