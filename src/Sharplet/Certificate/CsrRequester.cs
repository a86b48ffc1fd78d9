using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Certificate;

/// <summary>
/// client-go's csr.RequestCertificate and WaitForCertificate: posts a CertificateSigningRequest and follows it
/// (GET, then a watch on its name, again after every end of the watch) until it is approved and signed, and
/// answers the issued PEM. Denied or Failed, or deleted and recreated by someone else (another UID), ends the
/// wait with a <see cref="CertificateRequestException"/>; an API that does not answer is retried until the
/// timeout, because approval can take a human.
/// </summary>
internal sealed partial class CsrRequester(ICsrApi api, TimeProvider time, ILogger logger)
{
    internal static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <param name="name">A fixed name (bootstrap: node-csr-...), whose existing CSR for the same key is reused; null: "csr-" and a generated suffix.</param>
    public async Task<string> RequestAsync(CsrTemplate template, ECDsa key, string? name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(key);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var request = new CertificateSigningRequest
        {
            Metadata = name is null ? new ObjectMeta { GenerateName = "csr-" } : new ObjectMeta { Name = name },
            Spec = new CertificateSigningRequestSpec
            {
                Request = Encoding.UTF8.GetBytes(CsrBuilder.RequestPem(template, key)),
                SignerName = template.SignerName,
                Usages = [.. template.Usages],
            },
        };
        try
        {
            var created = await CreateAsync(request, name, key, linked.Token).ConfigureAwait(false);
            var createdName = created.Metadata?.Name ?? throw new CertificateRequestException("the API server answered a CertificateSigningRequest without a name");
            LogPosted(logger, createdName, template.SignerName, template.CommonName);
            var pem = await WaitAsync(created, linked.Token).ConfigureAwait(false);
            LogIssued(logger, createdName, template.SignerName);
            return pem;
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"certificate signing request for {template.CommonName} (signer {template.SignerName}) was not approved and signed within {timeout}", ex);
        }
    }

    private async Task<CertificateSigningRequest> CreateAsync(CertificateSigningRequest request, string? name, ECDsa key, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await api.CreateAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (ex.IsAlreadyExists && name is not null)
            {
                var existing = await api.GetAsync(name, cancellationToken).ConfigureAwait(false);
                EnsureCompatible(existing, request, key);
                return existing;
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                LogRetry(logger, "post the certificate signing request", ex.Message);
                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> WaitAsync(CertificateSigningRequest created, CancellationToken cancellationToken)
    {
        var name = created.Metadata!.Name!;
        var uid = created.Metadata.Uid;
        var current = created;
        while (true)
        {
            if (CsrStatus.IssuedCertificate(current, uid) is { } issued)
            {
                return issued;
            }

            try
            {
                await foreach (var change in api.WatchAsync(name, current.Metadata?.ResourceVersion ?? string.Empty, cancellationToken).ConfigureAwait(false))
                {
                    current = change;
                    if (CsrStatus.IssuedCertificate(current, uid) is { } pem)
                    {
                        return pem;
                    }
                }

                current = await api.GetAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
                throw new CertificateRequestException($"certificate signing request {name} was deleted before it was signed", ex);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                LogRetry(logger, $"follow certificate signing request {name}", ex.Message);
                await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
                current = await GetOrKeepAsync(name, current, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<CertificateSigningRequest> GetOrKeepAsync(string name, CertificateSigningRequest current, CancellationToken cancellationToken)
    {
        try
        {
            return await api.GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            return current;
        }
    }

    // upstream's ensureCompatible: an existing CSR of the same name must ask for the same thing with the same key.
    private static void EnsureCompatible(CertificateSigningRequest existing, CertificateSigningRequest wanted, ECDsa key)
    {
        var name = existing.Metadata?.Name;
        var spec = existing.Spec;
        if (spec?.Request is not { } pem)
        {
            throw new CertificateRequestException($"certificate signing request {name} exists and holds no request");
        }

        byte[] publicKey;
        try
        {
            var parsed = CertificateRequest.LoadSigningRequestPem(Encoding.UTF8.GetString(pem), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
            publicKey = parsed.PublicKey.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException ex)
        {
            throw new CertificateRequestException($"certificate signing request {name} exists and its request does not parse: {ex.Message}", ex);
        }

        var sameKey = publicKey.AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());
        var sameUsages = (spec.Usages ?? []).Order(StringComparer.Ordinal).SequenceEqual(wanted.Spec!.Usages!.Order(StringComparer.Ordinal), StringComparer.Ordinal);
        if (!sameKey || !sameUsages || spec.SignerName != wanted.Spec.SignerName)
        {
            throw new CertificateRequestException($"certificate signing request {name} exists and asks for another key, signer or usages");
        }
    }

    private static bool IsTransient(Exception ex) =>
        ex is KubeConnectionException or TimeoutException or HttpRequestException or IOException
        || (ex is KubeApiException api && (api.Code >= 500 || api.Code == 429));

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate signing request {Name} posted (signer {Signer}, subject {Subject}); waiting for it to be approved and signed")]
    private static partial void LogPosted(ILogger logger, string name, string signer, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate signing request {Name} (signer {Signer}) approved and signed")]
    private static partial void LogIssued(ILogger logger, string name, string signer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot {What} yet, retrying: {Reason}")]
    private static partial void LogRetry(ILogger logger, string what, string reason);
}
