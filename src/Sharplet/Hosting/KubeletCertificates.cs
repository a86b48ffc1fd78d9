using Sharplet.Util;

namespace Sharplet.Hosting;

/// <summary>The rotating certificates of this run: the API client's (rotateCertificates) and the :10250 one (serverTLSBootstrap); null when not managed.</summary>
internal sealed record KubeletCertificates(CertificateSource? Client, CertificateSource? Serving);
