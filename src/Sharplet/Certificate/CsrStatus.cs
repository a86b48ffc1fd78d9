using System.Text;
using Sharplet.Api;

namespace Sharplet.Certificate;

/// <summary>Reads a CertificateSigningRequest's conditions and certificate as upstream's WaitForCertificate does.</summary>
internal static class CsrStatus
{
    /// <summary>
    /// The issued PEM once the CSR is approved and carries a certificate; null while it waits. Throws when it
    /// was denied or failed, or when it is another object than the one posted (its UID changed).
    /// </summary>
    public static string? IssuedCertificate(CertificateSigningRequest csr, string? uid)
    {
        ArgumentNullException.ThrowIfNull(csr);
        var name = csr.Metadata?.Name;
        if (!string.IsNullOrEmpty(uid) && !string.IsNullOrEmpty(csr.Metadata?.Uid) && csr.Metadata.Uid != uid)
        {
            throw new CertificateRequestException($"certificate signing request {name} was deleted and recreated (UID {csr.Metadata.Uid}, not {uid})");
        }

        var approved = false;
        foreach (var condition in csr.Status?.Conditions ?? [])
        {
            // A condition without a status counts as True, as upstream's (status was added later).
            if (condition.Status is not (null or "" or "True"))
            {
                continue;
            }

            switch (condition.Type)
            {
                case CertificateSigningRequestCondition.Denied:
                    throw new CertificateRequestException($"certificate signing request {name} is denied, reason: {condition.Reason}, message: {condition.Message}");
                case CertificateSigningRequestCondition.Failed:
                    throw new CertificateRequestException($"certificate signing request {name} failed, reason: {condition.Reason}, message: {condition.Message}");
                case CertificateSigningRequestCondition.Approved:
                    approved = true;
                    break;
            }
        }

        return approved && csr.Status?.Certificate is { Length: > 0 } certificate ? Encoding.UTF8.GetString(certificate) : null;
    }
}
