namespace Sharplet.KubeClient;

/// <summary>
/// No HTTP answer from the API server: TLS failed (an untrusted or mismatched server certificate) or the
/// connection could not be made or broke. The message names the server and, for TLS, the kubeconfig whose CA
/// did not trust it.
/// </summary>
internal sealed class KubeConnectionException : Exception
{
    public KubeConnectionException()
    {
    }

    public KubeConnectionException(string message)
        : base(message)
    {
    }

    public KubeConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public KubeConnectionException(string message, Uri server, bool isTlsFailure, Exception? innerException)
        : base(message, innerException)
    {
        Server = server;
        IsTlsFailure = isTlsFailure;
    }

    public Uri? Server { get; }

    /// <summary>The server's certificate was rejected; retrying will not help until the configuration changes.</summary>
    public bool IsTlsFailure { get; }
}
