using System.Reflection;

namespace Sharplet.Nodes;

// What Sharplet reports as nodeInfo.kubeletVersion, in its User-Agent and on `sharplet --version`. A semver that
// names the upstream kubelet whose behaviour it follows, with a pre-release tag that tells operators (and
// version-skew checks that print it) that this is not the Go kubelet, and which Sharplet release it is. kubeadm's
// preflight (KubeletVersionCheck) parses `kubelet --version` as "Kubernetes v<semver>" on one line: the
// pre-release keeps the major.minor it compares against the control plane.
internal static class KubeletVersion
{
    // The upstream release whose flags, config file and API behaviour Sharplet follows.
    public const string Upstream = "v1.33.0";

    // Sharplet's own release (the .deb of scripts/build-deb is versioned the same by default).
    public const string Sharplet = "0.1.0";

    public const string Value = Upstream + "-sharplet." + Sharplet;

    // The commit the binary was built from: the SDK appends it to the informational version (+<sha>) when the
    // build runs in a git checkout; "unknown" from a source tarball.
    public static string Commit { get; } = ReadCommit();

    private static string ReadCommit()
    {
        var informational = typeof(KubeletVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var plus = informational?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        return plus >= 0 && plus < informational!.Length - 1 ? informational[(plus + 1)..] : "unknown";
    }
}
