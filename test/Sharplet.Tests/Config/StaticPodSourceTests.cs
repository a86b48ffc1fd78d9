using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Config;

namespace Sharplet.Tests.Config;

// The static pod folder: files come, change, break and go; the pods follow.
public sealed class StaticPodSourceTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-manifests-").FullName;
    private readonly PodConfig config = new(["file"]);
    private readonly ManifestProblems problems = new();
    private readonly StaticPodSource source;
    private int writes;

    public StaticPodSourceTests() => source = Source(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private StaticPodSource Source(string path) => new(
        config, problems, new StaticPodSourceOptions { Path = path, NodeName = "node-1" },
        new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)), NullLogger<StaticPodSource>.Instance);

    private static string Manifest(string name, string image = "busybox:1") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          containers:
          - name: c
            image: {image}
        """;

    // Each write gets its own modification time, so a rewrite within the clock's resolution is still seen.
    private string Write(string file, string text)
    {
        var path = Path.Combine(dir, file);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(++writes));
        return path;
    }

    private List<(PodOperation, string)> Drain()
    {
        var seen = new List<(PodOperation, string)>();
        while (config.Changes.TryRead(out var change))
        {
            seen.Add((change.Operation, change.Pod.Metadata!.Name!));
        }

        return seen;
    }

    [Fact]
    public async Task NewFile_AddsItsPod()
    {
        Write("web.yaml", Manifest("web"));

        await source.ScanAsync();

        Drain().ShouldBe([(PodOperation.Add, "web-node-1")]);
        problems.All().ShouldBeEmpty();
        config.AllSourcesReady.ShouldBeTrue();
    }

    [Fact]
    public async Task EmptyFolder_StillReportsTheSource()
    {
        await source.ScanAsync();

        Drain().ShouldBeEmpty();
        config.AllSourcesReady.ShouldBeTrue();
    }

    [Fact]
    public async Task ChangedFile_ReplacesThePod()
    {
        Write("web.yaml", Manifest("web"));
        await source.ScanAsync();
        var before = config.Pods().Single().Metadata!.Uid;
        Drain();

        Write("web.yaml", Manifest("web", "busybox:2"));
        await source.ScanAsync();

        Drain().ShouldBe([(PodOperation.Add, "web-node-1"), (PodOperation.Remove, "web-node-1")]);
        config.Pods().Single().Metadata!.Uid.ShouldNotBe(before);
    }

    [Fact]
    public async Task UnchangedFile_NoChange()
    {
        Write("web.yaml", Manifest("web"));
        await source.ScanAsync();
        Drain();

        await source.ScanAsync();

        Drain().ShouldBeEmpty();
    }

    [Fact]
    public async Task DeletedFile_RemovesItsPodAndItsProblems()
    {
        var path = Write("web.yaml", Manifest("web"));
        Write("bad.yaml", "kind: Pod\napiVersion: v1\nspec: {containerz: []}\n");
        await source.ScanAsync();
        Drain();
        problems.Files.Count.ShouldBe(1);

        File.Delete(path);
        File.Delete(Path.Combine(dir, "bad.yaml"));
        await source.ScanAsync();

        Drain().ShouldBe([(PodOperation.Remove, "web-node-1")]);
        problems.All().ShouldBeEmpty();
    }

    [Fact]
    public async Task FileThatBreaks_KeepsItsLastGoodPodAndReportsTheProblem()
    {
        var path = Write("web.yaml", Manifest("web"));
        await source.ScanAsync();
        Drain();

        Write("web.yaml", Manifest("web").Replace("image:", "imagee:", StringComparison.Ordinal));
        await source.ScanAsync();

        Drain().ShouldBeEmpty();
        config.Pods().Single().Metadata!.Name.ShouldBe("web-node-1");
        problems.All().ShouldBe([$"{path}, document 1 (line 1): unknown field \"spec.containers[0].imagee\""]);

        Write("web.yaml", Manifest("web", "busybox:3"));
        await source.ScanAsync();

        Drain().ShouldBe([(PodOperation.Add, "web-node-1"), (PodOperation.Remove, "web-node-1")]);
        problems.All().ShouldBeEmpty();
    }

    [Fact]
    public async Task FileBrokenFromTheStart_RunsNothingAndReportsTheProblem()
    {
        var path = Write("web.yaml", "apiVersion: v1\nkind: Pod\nmetadata: [\n");

        await source.ScanAsync();

        Drain().ShouldBeEmpty();
        problems.All().ShouldHaveSingleItem().ShouldStartWith(path + ": ");
    }

    [Fact]
    public async Task DuplicateNameAcrossFiles_FirstFileWins_SecondIsReported()
    {
        Write("a.yaml", Manifest("web"));
        var second = Write("b.yaml", Manifest("web", "busybox:2"));

        await source.ScanAsync();

        Drain().ShouldBe([(PodOperation.Add, "web-node-1")]);
        config.Pods().Single().Spec!.Containers![0].Image.ShouldBe("busybox:1");
        problems.All().ShouldBe([$"{second}: metadata.name: Duplicate value: \"default/web-node-1\": already defined in {Path.Combine(dir, "a.yaml")}"]);
    }

    [Fact]
    public async Task HiddenAndNonManifestFiles_AreIgnored()
    {
        Write(".web.yaml", Manifest("hidden"));
        Write("web.yaml.swp", Manifest("swap"));
        Write("README.md", "# manifests");
        Write("api.json", """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"api"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        Write("db.YML", Manifest("db"));
        Directory.CreateDirectory(Path.Combine(dir, "sub.yaml"));

        await source.ScanAsync();

        Drain().Select(c => c.Item2).ShouldBe(["api-node-1", "db-node-1"], ignoreOrder: true);
        problems.All().ShouldBeEmpty();
    }

    [Fact]
    public async Task PathNamingOneFile_ReadsThatFile()
    {
        var path = Write("only.manifest", Manifest("only"));
        var single = Source(path);

        await single.ScanAsync();

        Drain().ShouldBe([(PodOperation.Add, "only-node-1")]);
    }

    [Fact]
    public async Task MissingPath_NoPods()
    {
        var missing = Source(Path.Combine(dir, "nowhere"));

        await missing.ScanAsync();

        Drain().ShouldBeEmpty();
        config.AllSourcesReady.ShouldBeTrue();
    }
}
