namespace Sharplet.Nodes;

// What Sharplet reports as nodeInfo.kubeletVersion and in its User-Agent. A semver that names the upstream
// kubelet whose behaviour it follows, with a pre-release tag that tells operators (and version-skew checks that
// print it) that this is not the Go kubelet.
internal static class KubeletVersion
{
    public const string Value = "v1.33.0-sharplet";
}
