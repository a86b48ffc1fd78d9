using Sharplet.Api;

namespace Sharplet.Certificate;

/// <summary>The CertificateSigningRequest calls of the certificate managers (a fake in unit tests).</summary>
internal interface ICsrApi
{
    Task<CertificateSigningRequest> CreateAsync(CertificateSigningRequest request, CancellationToken cancellationToken);

    Task<CertificateSigningRequest> GetAsync(string name, CancellationToken cancellationToken);

    /// <summary>Changes of the named CSR after <paramref name="resourceVersion"/>, until the server ends the watch.</summary>
    IAsyncEnumerable<CertificateSigningRequest> WatchAsync(string name, string resourceVersion, CancellationToken cancellationToken);
}
