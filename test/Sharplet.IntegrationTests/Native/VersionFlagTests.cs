using System.Text.RegularExpressions;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.Nodes;

namespace Sharplet.IntegrationTests.Native;

// The shipped binary's --version as operators' scripts and kubeadm's preflight run `kubelet --version`: one line,
// nothing on stderr, exit 0, before anything touches the runtime or the root dir.
public sealed class VersionFlagTests
{
    [Fact]
    public async Task Version_PrintsKubernetesVersionLine_AndExitsZero()
    {
        var (code, output) = await SharpletProcess.RunAsync("--version");

        code.ShouldBe(0, output);
        output.ShouldBe($"Kubernetes {KubeletVersion.Value}\n");
        Regex.IsMatch(output, @"^\s*Kubernetes v\d+\.\d+\.\d+[-0-9a-zA-Z_.+]*\s*$", RegexOptions.None, TimeSpan.FromSeconds(1)).ShouldBeTrue(output);
    }

    [Fact]
    public async Task VersionRaw_NamesSharpletReleaseAndCommit()
    {
        var (code, output) = await SharpletProcess.RunAsync("--version=raw");

        code.ShouldBe(0, output);
        output.ShouldContain($"SharpletVersion:\"{KubeletVersion.Sharplet}\"");
        output.ShouldNotContain("GitCommit:\"unknown\"");
    }

    [Fact]
    public async Task Help_ListsTheVersionFlag()
    {
        var (code, output) = await SharpletProcess.RunAsync("--help");

        code.ShouldBe(0, output);
        output.ShouldContain("--version");
        output.ShouldContain("Kubernetes <version>");
    }
}
