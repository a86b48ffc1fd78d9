namespace Sharplet.Certificate;

/// <summary>What one certificate manager asks for ("client" or "serving", for logs) and how long it waits for a signature.</summary>
internal sealed record CertificateManagerOptions(string What, CsrTemplate Template)
{
    /// <summary>client-go's certificateWaitTimeout: how long one CSR may wait for approval and signing.</summary>
    public TimeSpan IssueTimeout { get; init; } = TimeSpan.FromMinutes(15);
}
