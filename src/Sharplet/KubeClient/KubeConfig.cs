namespace Sharplet.KubeClient;

/// <summary>
/// Everything needed to talk to one API server as one user: the resolved current context of a kubeconfig, or
/// one built in code (tests, in-cluster). <see cref="SourcePath"/> only feeds error messages.
/// </summary>
internal sealed record KubeConfig(KubeCluster Cluster, KubeUser User, string? SourcePath = null, string? ContextName = null, string? Namespace = null)
{
    /// <summary>"kubeconfig /etc/kubernetes/kubelet.conf", or a neutral phrase for a config built in code.</summary>
    public string Describe() => SourcePath is null ? "the client configuration" : $"kubeconfig {SourcePath}";
}
