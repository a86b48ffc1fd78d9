using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.Packaging;

// scripts/build-deb run once for the class, on the binary scripts/build-native published (never publishing here:
// that takes minutes under the build lock).
public sealed class DebPackageFixture : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-deb-").FullName;

    public string Deb { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var env = new Dictionary<string, string> { ["SHARPLET_DEB_OUT"] = dir, ["SHARPLET_BINARY"] = SharpletProcess.Binary, ["SHARPLET_DEB_VERSION"] = "0.1.0+test" };
        var (code, output) = await Command.RunAsync("bash", [Path.Combine(LocalNode.RepoRoot, "scripts", "build-deb")], env);
        code.ShouldBe(0, output);
        Deb = Directory.GetFiles(dir, "sharplet_0.1.0+test_*.deb").ShouldHaveSingleItem(output);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }
}
