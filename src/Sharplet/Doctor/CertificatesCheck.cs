using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sharplet.KubeClient;
using Sharplet.Util;

namespace Sharplet.Doctor;

/// <summary>
/// The kubeconfig loads, and the node's certificates are valid now: the client certificate of --kubeconfig
/// and the :10250 serving certificate, with their expiry dates. One that ends within a week is a warning unless
/// rotateCertificates renews it.
/// </summary>
internal sealed class CertificatesCheck(string? kubeconfigPath, IReadOnlyList<string> servingCandidates, bool rotating, TimeProvider time) : IDoctorCheck
{
    public static readonly TimeSpan WarnWithin = TimeSpan.FromDays(7);

    public string Name => "certificates";

    public static CheckResult Judge(IReadOnlyList<CertificateFacts> certificates, DateTimeOffset now, bool rotating)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        var fails = new List<string>();
        var warnings = new List<string>();
        var fine = new List<string>();
        foreach (var c in certificates)
        {
            if (c.Problem is { } problem)
            {
                fails.Add($"{c.What} ({c.Source}): {problem}");
            }
            else if (c.NotAfter is { } notAfter && notAfter <= now)
            {
                fails.Add($"{c.What} ({c.Source}) expired {Date(notAfter)}");
            }
            else if (c.NotBefore is { } notBefore && notBefore > now)
            {
                fails.Add($"{c.What} ({c.Source}) is not valid before {Date(notBefore)}");
            }
            else if (c.NotAfter is { } soon && soon - now < WarnWithin && !rotating)
            {
                warnings.Add($"{c.What} ({c.Source}) expires {Date(soon)}");
            }
            else
            {
                fine.Add($"{c.What} valid until {Date(c.NotAfter!.Value)}");
            }
        }

        if (fails.Count > 0)
        {
            return new CheckResult("certificates", Verdict.Fail, string.Join("; ", fails.Concat(warnings)),
                "renew the certificate (with --bootstrap-kubeconfig: delete the kubeconfig and restart to bootstrap again; with rotateCertificates it renews itself before it expires)");
        }

        if (warnings.Count > 0)
        {
            return new CheckResult("certificates", Verdict.Warning, string.Join("; ", warnings), "renew it before then, or turn on rotateCertificates so Sharplet does");
        }

        return fine.Count == 0 ? CheckResult.Skipped("certificates", "no kubeconfig and no serving certificate yet") : CheckResult.Ok("certificates", string.Join("; ", fine));
    }

    public Task<CheckResult> RunAsync(CancellationToken cancellationToken) => Task.FromResult(Judge(Observe(), time.GetUtcNow(), rotating));

    private List<CertificateFacts> Observe()
    {
        var facts = new List<CertificateFacts>();
        if (kubeconfigPath is not null)
        {
            try
            {
                var config = KubeconfigLoader.Load(kubeconfigPath);
                if (config.User.ClientCertificate is { } client)
                {
                    facts.Add(new CertificateFacts("client certificate", kubeconfigPath, PemCertificate.NotBefore(client), PemCertificate.NotAfter(client)));
                }
            }
            catch (KubeconfigException ex)
            {
                facts.Add(new CertificateFacts("kubeconfig", kubeconfigPath, null, null, ex.Message));
            }
        }

        // The first serving certificate that exists: tlsCertFile, the rotated kubelet-server-current.pem, the self-signed kubelet.crt.
        foreach (var path in servingCandidates)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                using var cert = X509CertificateLoader.LoadCertificate(PemBytes(path));
                facts.Add(new CertificateFacts("serving certificate", path, PemCertificate.NotBefore(cert), PemCertificate.NotAfter(cert)));
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                facts.Add(new CertificateFacts("serving certificate", path, null, null, ex.Message));
            }

            break;
        }

        return facts;
    }

    private static byte[] PemBytes(string path)
    {
        var certs = new X509Certificate2Collection();
        certs.ImportFromPem(File.ReadAllText(path));
        return certs.Count > 0 ? certs[0].RawData : throw new CryptographicException("no PEM certificate in the file");
    }

    private static string Date(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
