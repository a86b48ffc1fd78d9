using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Sharplet.Server.Auth;

// Upstream's x509 request authenticator: a client certificate that chains to the client CA bundle and is
// valid for client authentication names the user (CN) and groups (O). A certificate that does not verify is
// an error (401), not an anonymous request.
internal sealed class X509Authenticator
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly X509Certificate2Collection roots;
    private readonly TimeProvider time;

    public X509Authenticator(X509Certificate2Collection roots, TimeProvider time)
    {
        this.roots = roots;
        this.time = time;
    }

    public static X509Authenticator FromFile(string caFile, TimeProvider time)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(caFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"client CA file {caFile}: {ex.Message}", ex);
        }

        return roots.Count == 0
            ? throw new InvalidOperationException($"client CA file {caFile}: no PEM certificate in it")
            : new X509Authenticator(roots, time);
    }

    public AuthenticationResult Authenticate(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return AuthenticationResult.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate))
        {
            var why = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal));
            return AuthenticationResult.Failed($"verifying certificate {certificate.Subject} failed: {why}");
        }

        var name = certificate.GetNameInfo(X509NameType.SimpleName, false);
        if (string.IsNullOrEmpty(name))
        {
            return AuthenticationResult.Failed($"certificate {certificate.Subject} has no common name");
        }

        return AuthenticationResult.Of(UserInfo.Named(name, Organizations(certificate.SubjectName)));
    }

    // Every O= of the subject, in order (one group each).
    private static List<string> Organizations(X500DistinguishedName subject) =>
        subject.EnumerateRelativeDistinguishedNames()
            .Where(rdn => rdn.GetSingleElementType().Value == "2.5.4.10")
            .Select(rdn => rdn.GetSingleElementValue() ?? string.Empty)
            .Where(o => o.Length > 0)
            .ToList();
}
