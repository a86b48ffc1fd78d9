using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Sharplet.KubeClient;

/// <summary>
/// Checks the API server's certificate against the kubeconfig's CA only (a custom root, not the system store),
/// as client-go does with certificate-authority set. SslStream reports a rejection only as "rejected by the
/// callback", so the reason is kept here for the client's error message.
/// </summary>
internal sealed class ServerCertificateValidator(KubeConfig config, TimeProvider time)
{
    private volatile string? lastFailure;

    /// <summary>Why the most recent handshake was refused; all handshakes of a client go to one server.</summary>
    public string? LastFailure => lastFailure;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var cluster = config.Cluster;
        if (cluster.InsecureSkipTlsVerify)
        {
            return true;
        }

        if (certificate is null)
        {
            return Fail("it sent no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            var name = cluster.TlsServerName ?? cluster.Server.Host;
            return Fail($"its certificate is not valid for the name \"{name}\" ({Subject(certificate)})");
        }

        if (cluster.CertificateAuthorities is not { Count: > 0 } authorities)
        {
            return errors == SslPolicyErrors.None ? Pass() : Fail($"its certificate is not trusted by the system's certificate authorities ({errors})");
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.VerificationTime = time.GetLocalNow().DateTime;

        // Intermediates the server sent along, which the platform chain already collected.
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (custom.Build(leaf))
        {
            return Pass();
        }

        var problems = string.Join("; ", custom.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal));
        return Fail($"its certificate ({Subject(certificate)}) is not trusted by the certificate authority of cluster \"{cluster.Name}\" in {config.Describe()} ({problems})");
    }

    private static string Subject(X509Certificate certificate) => $"subject \"{certificate.Subject}\", issuer \"{certificate.Issuer}\"";

    private bool Pass()
    {
        lastFailure = null;
        return true;
    }

    private bool Fail(string why)
    {
        lastFailure = why;
        return false;
    }
}
