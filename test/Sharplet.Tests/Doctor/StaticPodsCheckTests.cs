using Sharplet.Doctor;

namespace Sharplet.Tests.Doctor;

// The static-pods check reads the manifest folder as the agent's file source does and names each broken file.
public sealed class StaticPodsCheckTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-doctor-pods-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static Task<CheckResult> RunAsync(string? path) => new StaticPodsCheck(path, "node-1", TimeProvider.System).RunAsync(CancellationToken.None);

    private const string GoodPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: main, image: busybox}]
        """;

    [Fact]
    public async Task GoodManifests_AreOk_CountingPodsAndFiles()
    {
        File.WriteAllText(Path.Combine(dir, "web.yaml"), GoodPod);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a manifest");

        var result = await RunAsync(dir);

        result.Verdict.ShouldBe(Verdict.Ok);
        result.Detail.ShouldBe($"1 pod(s) in 1 manifest file(s) under {dir} decode and validate");
    }

    [Fact]
    public async Task BrokenManifest_FailsNamingTheFileAndField()
    {
        File.WriteAllText(Path.Combine(dir, "web.yaml"), GoodPod);
        var broken = Path.Combine(dir, "broken.yaml");
        File.WriteAllText(broken, "apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  containers: [{name: main}]\n");

        var result = await RunAsync(dir);

        result.Verdict.ShouldBe(Verdict.Fail);
        result.Detail.ShouldStartWith($"1 of 2 manifest file(s) under {dir} are broken: {broken}");
        result.Detail.ShouldContain("image");
        result.Fix.ShouldNotBeNull().ShouldStartWith("correct or remove the named file(s)");
    }

    [Fact]
    public async Task YamlThatDoesNotParse_Fails()
    {
        File.WriteAllText(Path.Combine(dir, "torn.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: [unclosed\n");

        (await RunAsync(dir)).Verdict.ShouldBe(Verdict.Fail);
    }

    [Fact]
    public async Task MissingFolder_IsAWarning_AsTheAgentStartsAnyway()
    {
        var missing = Path.Combine(dir, "nope");

        var result = await RunAsync(missing);

        result.Verdict.ShouldBe(Verdict.Warning);
        result.Detail.ShouldBe($"{missing} does not exist");
    }

    [Fact]
    public async Task NoPath_IsSkipped() => (await RunAsync(null)).Verdict.ShouldBe(Verdict.Skipped);
}
