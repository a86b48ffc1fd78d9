using System.Text.RegularExpressions;
using Sharplet.Cli;
using Sharplet.Nodes;

namespace Sharplet.Tests.Cli;

// `sharplet --version` as kubeadm's preflight (KubeletVersionCheck) reads `kubelet --version`: the whole trimmed
// output is "Kubernetes v<major>.<minor>.<patch><suffix>", the suffix only of [-0-9a-zA-Z_.+].
public sealed class VersionFlagTests
{
    private static readonly Regex KubeadmParse = new(@"^\s*Kubernetes v(\d+)\.(\d+)\.(\d+)([-0-9a-zA-Z_.+]*)\s*$", RegexOptions.None, TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(null)]
    [InlineData("true")]
    [InlineData("True")]
    public void Version_PrintsOneLineKubeadmParses_WithUpstreamMinorAndSharpletRelease(string? value)
    {
        var (code, text) = VersionFlag.Answer(value, given: true)!.Value;

        code.ShouldBe(0);
        var match = KubeadmParse.Match(text);
        match.Success.ShouldBeTrue(text);
        $"v{match.Groups[1].Value}.{match.Groups[2].Value}.{match.Groups[3].Value}".ShouldBe(KubeletVersion.Upstream);
        match.Groups[4].Value.ShouldBe($"-sharplet.{KubeletVersion.Sharplet}");
        text.ShouldBe($"Kubernetes {KubeletVersion.Value}");
    }

    [Fact]
    public void Version_IsWhatTheNodeReportsAsKubeletVersion()
    {
        VersionFlag.Answer(null, given: true)!.Value.Text.ShouldEndWith(" " + KubeletVersion.Value);
        KubeletVersion.Value.ShouldStartWith(KubeletVersion.Upstream + "-");
    }

    [Fact]
    public void VersionRaw_NamesReleaseCommitRuntimeAndPlatform()
    {
        var (code, text) = VersionFlag.Answer("raw", given: true)!.Value;

        code.ShouldBe(0);
        text.ShouldStartWith("version.Info{Major:\"1\", Minor:\"33\"");
        text.ShouldContain($"GitVersion:\"{KubeletVersion.Value}\"");
        text.ShouldContain($"SharpletVersion:\"{KubeletVersion.Sharplet}\"");
        text.ShouldContain($"GitCommit:\"{KubeletVersion.Commit}\"");
        text.ShouldContain("Runtime:\".NET 10");
        text.ShouldContain("Platform:\"linux/");
        text.ShouldNotContain("\n");
    }

    [Fact]
    public void NotGivenOrFalse_RunsTheAgent()
    {
        VersionFlag.Answer(null, given: false).ShouldBeNull();
        VersionFlag.Answer("false", given: true).ShouldBeNull();
    }

    [Fact]
    public void BadValue_IsAnErrorNamingTheFlagAndValue()
    {
        var (code, text) = VersionFlag.Answer("v2", given: true)!.Value;

        code.ShouldBe(2);
        text.ShouldBe("sharplet: --version: \"v2\" is not true, false or raw");
    }
}
