namespace Sharplet.KubeClient;

/// <summary>
/// A kubeconfig that cannot be used. The message is one sentence naming the file and the entry (context,
/// cluster or user) so whoever reads the kubelet's log knows which line of which file to fix.
/// </summary>
internal sealed class KubeconfigException : Exception
{
    public KubeconfigException()
    {
    }

    public KubeconfigException(string message)
        : base(message)
    {
    }

    public KubeconfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
