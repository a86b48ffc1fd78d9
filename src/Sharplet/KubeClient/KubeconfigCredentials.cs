using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Sharplet.Util;

namespace Sharplet.KubeClient;

/// <summary>
/// The cluster and user entries of a kubeconfig: files or inline base64 "-data" (the data wins when both are
/// given, as in client-go), PEM certificates and RSA or EC keys.
/// </summary>
internal static class KubeconfigCredentials
{
    public static KubeCluster ReadCluster(KubeconfigFile file, string name, JsonObject entry)
    {
        var what = $"cluster \"{name}\"";
        var serverText = KubeconfigLoader.Text(entry, "server");
        if (string.IsNullOrEmpty(serverText))
        {
            throw file.Error(what, "has no server");
        }

        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw file.Error(what, $"server \"{serverText}\" is not an absolute https:// (or http://) URL");
        }

        var insecure = string.Equals(KubeconfigLoader.Text(entry, "insecure-skip-tls-verify"), "true", StringComparison.OrdinalIgnoreCase);
        var caPem = ReadPem(file, what, entry, "certificate-authority");
        X509Certificate2Collection? authorities = null;
        if (caPem is not null)
        {
            // client-go refuses this pair too: trusting a CA and trusting anything contradict each other.
            if (insecure)
            {
                throw file.Error(what, "sets both insecure-skip-tls-verify and a certificate-authority; choose one");
            }

            authorities = LoadAuthorities(file, what, caPem);
        }

        var serverName = KubeconfigLoader.Text(entry, "tls-server-name");
        return new KubeCluster(name, server, authorities, insecure, string.IsNullOrEmpty(serverName) ? null : serverName);
    }

    public static KubeUser ReadUser(KubeconfigFile file, string name, JsonObject entry)
    {
        var what = $"user \"{name}\"";
        foreach (var plugin in (string[])["exec", "auth-provider"])
        {
            if (entry[plugin] is not null)
            {
                throw file.Error(what, $"uses {plugin} credentials, which Sharplet does not support (use a client certificate or a token)");
            }
        }

        var certPem = ReadPem(file, what, entry, "client-certificate");
        var keyPem = ReadPem(file, what, entry, "client-key");
        if ((certPem is null) != (keyPem is null))
        {
            throw file.Error(what, certPem is null ? "has a client-key but no client-certificate" : "has a client-certificate but no client-key");
        }

        X509Certificate2? certificate = null;
        X509Certificate2Collection? chain = null;
        if (certPem is not null && keyPem is not null)
        {
            (certificate, chain) = LoadClientCertificate(file, what, certPem, keyPem);
        }

        var token = KubeconfigLoader.Text(entry, "token");
        var tokenFile = KubeconfigLoader.Text(entry, "tokenFile");
        if (!string.IsNullOrEmpty(tokenFile))
        {
            tokenFile = file.Resolve(tokenFile);
            try
            {
                // Read now so a missing file fails at startup; BearerTokenSource re-reads it later.
                _ = File.ReadAllText(tokenFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw file.Error(what, $"cannot read tokenFile {tokenFile} ({KubeconfigLoader.Reason(ex)})", ex);
            }
        }

        return new KubeUser(
            name,
            certificate,
            chain,
            string.IsNullOrEmpty(token) ? null : token,
            string.IsNullOrEmpty(tokenFile) ? null : tokenFile);
    }

    /// <summary>The "-data" form (base64) or the file form of a PEM field, or null when neither is set.</summary>
    private static PemSource? ReadPem(KubeconfigFile file, string what, JsonObject entry, string field)
    {
        var data = KubeconfigLoader.Text(entry, field + "-data");
        if (!string.IsNullOrEmpty(data))
        {
            try
            {
                return new PemSource(field + "-data", Encoding.UTF8.GetString(Convert.FromBase64String(data)));
            }
            catch (FormatException ex)
            {
                throw file.Error(what, $"{field}-data is not valid base64", ex);
            }
        }

        var path = KubeconfigLoader.Text(entry, field);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var fullPath = file.Resolve(path);
        try
        {
            return new PemSource($"{field} {fullPath}", File.ReadAllText(fullPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw file.Error(what, $"cannot read {field} {fullPath} ({KubeconfigLoader.Reason(ex)})", ex);
        }
    }

    private static X509Certificate2Collection LoadAuthorities(KubeconfigFile file, string what, PemSource pem)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPem(pem.Text);
        }
        catch (CryptographicException ex)
        {
            throw file.Error(what, $"{pem.Description} holds an unreadable PEM certificate ({KubeconfigLoader.Reason(ex)})", ex);
        }

        return authorities.Count > 0 ? authorities : throw file.Error(what, $"{pem.Description} holds no PEM certificate");
    }

    private static (X509Certificate2 Certificate, X509Certificate2Collection Chain) LoadClientCertificate(
        KubeconfigFile file, string what, PemSource certPem, PemSource keyPem)
    {
        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPem(certPem.Text);
        }
        catch (CryptographicException ex)
        {
            throw file.Error(what, $"{certPem.Description} holds an unreadable PEM certificate ({KubeconfigLoader.Reason(ex)})", ex);
        }

        if (all.Count == 0)
        {
            throw file.Error(what, $"{certPem.Description} holds no PEM certificate");
        }

        // The leaf comes first; whatever follows are intermediates to send along with it.
        using var leaf = all[0];
        all.RemoveAt(0);
        using var key = ImportKey(file, what, keyPem);
        X509Certificate2 withKey;
        try
        {
            withKey = key switch
            {
                RSA rsa => leaf.CopyWithPrivateKey(rsa),
                ECDsa ec => leaf.CopyWithPrivateKey(ec),
                _ => throw new ArgumentException("unsupported key type", nameof(keyPem)),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw file.Error(what, $"{keyPem.Description} does not match the public key of {certPem.Description}", ex);
        }

        using (withKey)
        {
            return (PemCertificate.Exportable(withKey), all);
        }
    }

    private static AsymmetricAlgorithm ImportKey(KubeconfigFile file, string what, PemSource pem)
    {
        // PKCS#8 "PRIVATE KEY" can hold either algorithm, so try both rather than sniffing the label.
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem.Text);
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem.Text);
            return ec;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ec.Dispose();
            throw file.Error(what, $"{pem.Description} holds no readable RSA or EC private key in PEM", ex);
        }
    }

    private sealed record PemSource(string Description, string Text);
}
