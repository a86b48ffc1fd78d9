namespace Sharplet.KubeClient;

/// <summary>The kubeconfig being read: where its relative paths start and how its errors are phrased.</summary>
internal sealed record KubeconfigFile(string FullPath, string BaseDirectory)
{
    public string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(BaseDirectory, path));

    /// <summary>"Kubeconfig /etc/kubelet.conf: {problem}." as one sentence.</summary>
    public KubeconfigException Error(string problem, Exception? inner = null) => new($"Kubeconfig {FullPath}: {problem}.", inner);

    public KubeconfigException Error(string entry, string problem, Exception? inner = null) => Error($"{entry}: {problem}", inner);
}
