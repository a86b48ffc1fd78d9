using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Sharplet.KubeClient;
using Sharplet.Util;

namespace Sharplet.Certificate;

/// <summary>
/// Upstream's TLS bootstrap (pkg/kubelet/certificate/bootstrap LoadClientCert), before the node starts: when
/// --kubeconfig is missing or holds no valid client certificate, the --bootstrap-kubeconfig's identity (a
/// bootstrap token) posts a CSR for system:node:&lt;name&gt; to the kube-apiserver-client-kubelet signer, waits
/// for it to be approved and signed, stores key and certificate as <c>kubelet-client-current.pem</c> in
/// --cert-dir and writes the kubeconfig pointing at it. The key waits in <c>kubelet-client.key.tmp</c> until
/// then, so a restart mid-way asks again with the same key (and finds its own CSR by name).
/// </summary>
internal static partial class ClientBootstrap
{
    public const string PairPrefix = "kubelet-client";
    public const string PendingKeyFile = "kubelet-client.key.tmp";

    /// <summary>How long upstream waits for the bootstrap certificate (approval may need a human).</summary>
    public static readonly TimeSpan IssueTimeout = TimeSpan.FromHours(1);

    public static async Task EnsureAsync(BootstrapRequest request, Func<KubeConfig, ICsrApi> apiFor, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(apiFor);
        if (ValidClientCertificate(request.KubeconfigPath, time.GetUtcNow(), out var why))
        {
            LogValid(logger, request.KubeconfigPath);
            return;
        }

        LogBootstrapping(logger, request.KubeconfigPath, why, request.BootstrapKubeconfigPath);
        var bootstrap = KubeconfigLoader.Load(request.BootstrapKubeconfigPath);
        var store = new CertificateFileStore(PairPrefix, request.CertDir);
        var pendingKey = Path.Combine(request.CertDir, PendingKeyFile);
        var template = CsrTemplate.Client(request.NodeName);
        var requester = new CsrRequester(apiFor(bootstrap), time, logger);
        var key = LoadOrCreateKey(store, pendingKey);
        var certPem = await requester.RequestAsync(template, key, CsrBuilder.DigestedName(template, key), IssueTimeout, cancellationToken).ConfigureAwait(false);
        if (IssuedExpired(certPem, time.GetUtcNow()))
        {
            // The same key names the same CSR, and an old one of that name still holds the expired certificate:
            // a new key asks afresh.
            key.Dispose();
            File.Delete(pendingKey);
            key = LoadOrCreateKey(null, pendingKey);
            certPem = await requester.RequestAsync(template, key, CsrBuilder.DigestedName(template, key), IssueTimeout, cancellationToken).ConfigureAwait(false);
        }

        string written;
        using (key)
        {
            written = store.Update(certPem, CsrBuilder.KeyPem(key), time.GetUtcNow());
        }

        File.Delete(pendingKey);
        KubeconfigWriter.Write(request.KubeconfigPath, bootstrap.Cluster, store.CurrentPath);
        LogWritten(logger, written, request.KubeconfigPath);
    }

    /// <summary>
    /// Upstream's isClientConfigStillValid: the kubeconfig exists, loads, has a client certificate, and none
    /// of its certificates has expired. <paramref name="why"/> says what is wrong otherwise.
    /// </summary>
    public static bool ValidClientCertificate(string kubeconfigPath, DateTimeOffset now, out string why)
    {
        if (!File.Exists(kubeconfigPath))
        {
            why = "it does not exist";
            return false;
        }

        KubeConfig config;
        try
        {
            config = KubeconfigLoader.Load(kubeconfigPath);
        }
        catch (KubeconfigException ex)
        {
            why = ex.Message;
            return false;
        }

        if (config.User.ClientCertificate is not { } certificate)
        {
            why = "it has no client certificate";
            return false;
        }

        foreach (var cert in new[] { certificate }.Concat(config.User.ClientCertificateChain ?? []))
        {
            var notAfter = PemCertificate.NotAfter(cert);
            if (notAfter < now)
            {
                why = string.Create(CultureInfo.InvariantCulture, $"its client certificate {cert.Subject} expired at {notAfter:yyyy-MM-dd HH:mm:ss}Z");
                return false;
            }
        }

        why = string.Empty;
        return true;
    }

    // The current pair's key when it is a readable EC key (a restart with an expired certificate asks again with
    // the same key, as upstream), else the pending key of an earlier attempt, else a new one written there first.
    private static ECDsa LoadOrCreateKey(CertificateFileStore? store, string pendingKeyPath)
    {
        if (store?.Current(out _)?.Certificate.GetECDsaPrivateKey() is { } current)
        {
            return current;
        }

        if (File.Exists(pendingKeyPath) && CsrBuilder.ReadKey(File.ReadAllText(pendingKeyPath)) is { } pending)
        {
            return pending;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(pendingKeyPath)!);
        var key = CsrBuilder.NewKey();
        File.WriteAllText(pendingKeyPath, string.Empty);
        File.SetUnixFileMode(pendingKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(pendingKeyPath, CsrBuilder.KeyPem(key));
        return key;
    }

    private static bool IssuedExpired(string certPem, DateTimeOffset now)
    {
        try
        {
            using var issued = X509Certificate2.CreateFromPem(certPem);
            return PemCertificate.NotAfter(issued) <= now;
        }
        catch (CryptographicException ex)
        {
            throw new CertificateRequestException($"the issued certificate does not parse: {ex.Message}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubeconfig {Path} holds a valid client certificate; no TLS bootstrap needed")]
    private static partial void LogValid(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubeconfig {Path} has no valid client certificate ({Why}); requesting one with the bootstrap kubeconfig {Bootstrap}")]
    private static partial void LogBootstrapping(ILogger logger, string path, string why, string bootstrap);

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS bootstrap done: client certificate {Pem}, kubeconfig {Path} written")]
    private static partial void LogWritten(ILogger logger, string pem, string path);
}
