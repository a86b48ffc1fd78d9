using System.Runtime.CompilerServices;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Certificate;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequests through a <see cref="KubeApiClient"/>.</summary>
internal sealed class KubeCsrApi(KubeApiClient client) : ICsrApi
{
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromMinutes(5);

    public Task<CertificateSigningRequest> CreateAsync(CertificateSigningRequest request, CancellationToken cancellationToken) =>
        client.CreateAsync(KubeResources.CertificateSigningRequests, null, request, cancellationToken);

    public Task<CertificateSigningRequest> GetAsync(string name, CancellationToken cancellationToken) =>
        client.GetAsync(KubeResources.CertificateSigningRequests, null, name, cancellationToken);

    public async IAsyncEnumerable<CertificateSigningRequest> WatchAsync(string name, string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new WatchOptions(resourceVersion, WatchTimeout, WatchTimeout + TimeSpan.FromMinutes(1), FieldSelector: "metadata.name=" + name, AllowWatchBookmarks: false);
        var typeInfo = KubeResources.CertificateSigningRequests.TypeInfo;
        await foreach (var change in client.WatchAsync(KubeResources.CertificateSigningRequests, null, options, cancellationToken).ConfigureAwait(false))
        {
            if (change.Type == WatchEventType.Error)
            {
                // An expired resourceVersion (410) or another server-side end: the caller GETs and watches again.
                yield break;
            }

            if (change.Type is WatchEventType.Added or WatchEventType.Modified && change.DecodeObject(typeInfo) is { } csr)
            {
                yield return csr;
            }
        }
    }
}
