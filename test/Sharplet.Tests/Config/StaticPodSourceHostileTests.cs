using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.Config;

namespace Sharplet.Tests.Config;

// Hostile files next to good ones in the static pod folder: each is reported with the file named, none blocks or
// fails the scan, and the good files' pods and changes go on being applied.
public sealed class StaticPodSourceHostileTests : IDisposable
{
    private static readonly TimeSpan ScanDeadline = TimeSpan.FromSeconds(10);
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-hostile-").FullName;
    private readonly PodConfig config = new(["file"]);
    private readonly ManifestProblems problems = new();
    private readonly StaticPodSource source;

    public StaticPodSourceHostileTests() => source = Source();

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private StaticPodSource Source(PodConfig? into = null, ManifestProblems? report = null) => new(
        into ?? config, report ?? problems, new StaticPodSourceOptions { Path = dir, NodeName = "node-1" },
        new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), NullLogger<StaticPodSource>.Instance);

    private static string Manifest(string name, string image = "busybox:1") =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: c\n    image: {image}\n";

    private string PathOf(string file) => Path.Combine(dir, file);

    private string Write(string file, string text)
    {
        var path = PathOf(file);
        File.WriteAllText(path, text);
        return path;
    }

    // Every scan must end on its own: a scan that blocks on a file fails the test (by name) instead of hanging it.
    private async Task ScanAsync(StaticPodSource? other = null) =>
        await (other ?? source).ScanAsync().WaitAsync(ScanDeadline);

    private string Problem(string path) => problems.All().Single(p => p.StartsWith(path, StringComparison.Ordinal));

    private List<string> PodNames(PodConfig? of = null) => (of ?? config).Pods().Select(p => p.Metadata!.Name!).Order(StringComparer.Ordinal).ToList();

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        mkfifo.ExitCode.ShouldBe(0, $"mkfifo {path}");
    }

    [Fact]
    public async Task InputsThatOnceCrashedTheAgent_AreReported_AndCannotCrashTheNextStart()
    {
        // The report's inputs: JSON nested 20,000 deep (120 KB) and YAML flow nested 30,000 deep (60 KB).
        var json = Write("deep.json", new StringBuilder().Insert(0, "{\"a\":", 20_000).Append('1').Append('}', 20_000).ToString());
        var yaml = Write("deep.yaml", new string('[', 30_000) + new string(']', 30_000));
        Write("good.yaml", Manifest("good"));
        new FileInfo(json).Length.ShouldBe(120_001);

        await ScanAsync();

        PodNames().ShouldBe(["good-node-1"]);
        Problem(json).ShouldBe($"{json}: YAML error at line 1, column {(InputLimits.MaxDepth * 5) + 1}: nesting deeper than {InputLimits.MaxDepth} levels (document 1)");
        Problem(yaml).ShouldContain($"nesting deeper than {InputLimits.MaxDepth} levels");

        // The next start reads the same folder with nothing remembered.
        var nextConfig = new PodConfig(["file"]);
        var nextProblems = new ManifestProblems();
        await ScanAsync(Source(nextConfig, nextProblems));

        PodNames(nextConfig).ShouldBe(["good-node-1"]);
        nextProblems.Files.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Fifo_IsRefusedWithoutBlocking_AndAChangeToAGoodFileIsApplied()
    {
        var fifo = PathOf("pipe.yaml");
        MakeFifo(fifo);
        Write("good.yaml", Manifest("good"));

        await ScanAsync();

        PodNames().ShouldBe(["good-node-1"]);
        Problem(fifo).ShouldBe($"{fifo}: is a FIFO, not a regular file; only regular files and symlinks to them are read");

        Write("other.yaml", Manifest("other"));
        File.Delete(PathOf("good.yaml"));
        await ScanAsync();

        PodNames().ShouldBe(["other-node-1"]);
    }

    [Fact]
    public async Task SymlinkToDevZero_IsRefusedWithoutReadingIt()
    {
        var zero = PathOf("zero.yaml");
        File.CreateSymbolicLink(zero, "/dev/zero");
        Write("good.yaml", Manifest("good"));

        await ScanAsync();

        PodNames().ShouldBe(["good-node-1"]);
        Problem(zero).ShouldBe($"{zero}: is a symlink to /dev/zero, a character device, not a regular file; only regular files and symlinks to them are read");
    }

    [Fact]
    public async Task SymlinkToARegularFile_IsRead()
    {
        var target = Path.Combine(Directory.CreateTempSubdirectory("sharplet-target-").FullName, "web.yaml");
        File.WriteAllText(target, Manifest("web"));
        File.CreateSymbolicLink(PathOf("web.yaml"), target);

        await ScanAsync();

        PodNames().ShouldBe(["web-node-1"]);
        problems.All().ShouldBeEmpty();
        Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
    }

    [Fact]
    public async Task DanglingSymlink_IsReportedAsSuch()
    {
        var link = PathOf("gone.yaml");
        File.CreateSymbolicLink(link, PathOf("nowhere"));

        await ScanAsync();

        Problem(link).ShouldBe($"{link}: is a dangling symlink (to {PathOf("nowhere")})");
    }

    [Fact]
    public async Task FileOverTheSizeLimit_IsRefusedUnread()
    {
        var big = PathOf("big.yaml");
        using (var stream = File.Create(big))
        {
            stream.SetLength(10 * 1024 * 1024);
        }

        Write("good.yaml", Manifest("good"));

        await ScanAsync();

        PodNames().ShouldBe(["good-node-1"]);
        Problem(big).ShouldBe($"{big}: is 10485760 bytes, over the limit of {InputLimits.MaxManifestFileBytes} bytes");
    }

    [Fact]
    public async Task InvalidUtf8_IsAnErrorNamingTheLine()
    {
        var bad = PathOf("bad.yaml");
        File.WriteAllBytes(bad, [.. Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x"), 0xff, (byte)'\n']);

        await ScanAsync();

        Problem(bad).ShouldBe($"{bad}: is not valid UTF-8: invalid byte 0xff at line 4 (byte offset 44)");
    }

    [Fact]
    public async Task ByteOrderMarkAndCrlf_AreRead()
    {
        File.WriteAllBytes(PathOf("bom.yaml"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Manifest("bom").ReplaceLineEndings("\r\n"))]);

        await ScanAsync();

        PodNames().ShouldBe(["bom-node-1"]);
        problems.All().ShouldBeEmpty();
    }

    [Fact]
    public async Task EmptyAndCommentOnlyFiles_RunNothingAndReportNothing()
    {
        Write("empty.yaml", string.Empty);
        Write("comments.yaml", "# nothing here yet\n# really\n");
        Write("good.yaml", Manifest("good"));

        await ScanAsync();

        PodNames().ShouldBe(["good-node-1"]);
        problems.All().ShouldBeEmpty();
    }

    [Fact]
    public async Task TenThousandDocuments_IsOneErrorNamingTheFileAndTheLine()
    {
        var many = Write("many.yaml", string.Concat(Enumerable.Range(0, 10_000).Select(i => "---\n" + Manifest($"p{i}"))));

        await ScanAsync();

        PodNames().ShouldBeEmpty();
        Problem(many).ShouldBe($"{many}: YAML error at line {(InputLimits.MaxDocumentsPerFile * 9) + 1}, column 1: more than {InputLimits.MaxDocumentsPerFile} documents in one file");
    }

    [Fact]
    public async Task FileReplacedByRename_WithTheSameSizeAndTime_IsReadAgain()
    {
        var path = Write("web.yaml", Manifest("web", "busybox:1"));
        var time = File.GetLastWriteTimeUtc(path);
        await ScanAsync();

        var next = PathOf(".web.yaml.new");
        File.WriteAllText(next, Manifest("web", "busybox:2"));
        File.SetLastWriteTimeUtc(next, time);
        File.Move(next, path, overwrite: true);
        await ScanAsync();

        config.Pods().Single().Spec!.Containers![0].Image.ShouldBe("busybox:2");
    }

    [Fact]
    public async Task FolderRemovedAndMadeAgain_RemovesThenRunsItsPods()
    {
        Write("web.yaml", Manifest("web"));
        await ScanAsync();
        PodNames().ShouldBe(["web-node-1"]);

        Directory.Delete(dir, recursive: true);
        await ScanAsync();
        PodNames().ShouldBeEmpty();

        Directory.CreateDirectory(dir);
        Write("web.yaml", Manifest("web", "busybox:2"));
        await ScanAsync();

        PodNames().ShouldBe(["web-node-1"]);
        config.Pods().Single().Spec!.Containers![0].Image.ShouldBe("busybox:2");
    }

    [Fact]
    public async Task DirectoryNamedLikeAManifest_IsSkipped()
    {
        Directory.CreateDirectory(PathOf("dir.yaml"));
        Write("good.yaml", Manifest("good"));

        await ScanAsync();

        PodNames().ShouldBe(["good-node-1"]);
        problems.All().ShouldBeEmpty();
    }
}
