namespace Sharplet.Doctor;

/// <summary>One certificate the node uses (the kubeconfig's client one, the :10250 one), or why it could not be read.</summary>
internal sealed record CertificateFacts(string What, string Source, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter, string? Problem = null);
