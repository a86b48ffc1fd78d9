using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Sharplet.Nodes;

namespace Sharplet.Cli;

// Upstream's --version (component-base verflag): `--version` or `--version=true` prints "Kubernetes <version>"
// and exits 0, `--version=raw` prints the whole version record, `--version=false` runs the agent. The one-line form
// is what kubeadm's preflight and `kubelet --version` scripts parse, so it stays exactly one line on stdout;
// Sharplet's own release is inside the version (v1.33.0-sharplet.<release>), the commit and runtime are in raw.
internal static class VersionFlag
{
    public static Option<string?> Create() => new("--version")
    {
        Description = "print \"Kubernetes <version>\" and quit; --version=raw prints the build details (Sharplet release, commit, runtime, platform)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    // Null when the agent should run; otherwise the text to print (with exit 0) or an error (exit 2).
    public static (int Code, string Text)? Answer(string? value, bool given)
    {
        if (!given)
        {
            return null;
        }

        switch (value?.ToLowerInvariant())
        {
            case null or "" or "true" or "1" or "t":
                return (0, $"Kubernetes {KubeletVersion.Value}");
            case "raw":
                return (0, Raw());
            case "false" or "0" or "f":
                return null;
            default:
                return (2, $"sharplet: --version: \"{value}\" is not true, false or raw");
        }
    }

    private static string Raw()
    {
        var minor = KubeletVersion.Upstream.Split('.')[1];
        return string.Create(CultureInfo.InvariantCulture,
            $"version.Info{{Major:\"1\", Minor:\"{minor}\", GitVersion:\"{KubeletVersion.Value}\", SharpletVersion:\"{KubeletVersion.Sharplet}\", " +
            $"GitCommit:\"{KubeletVersion.Commit}\", Runtime:\"{RuntimeInformation.FrameworkDescription}\", " +
            $"Platform:\"linux/{NodeFacts.GoArchitecture()}\"}}");
    }
}
