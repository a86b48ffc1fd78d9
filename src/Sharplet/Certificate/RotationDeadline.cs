using System.Security.Cryptography.X509Certificates;
using Sharplet.Util;

namespace Sharplet.Certificate;

/// <summary>
/// client-go's nextRotationDeadline: a certificate is renewed at a jittered 70–90 % of its validity (notBefore
/// + total·(0.7 + 0.2·r)), so nodes that joined together do not all renew at once.
/// </summary>
internal static class RotationDeadline
{
    public const double MinFraction = 0.7;
    public const double JitterFraction = 0.2;

    /// <param name="random01">A uniform sample in [0, 1).</param>
    public static DateTimeOffset Next(DateTimeOffset notBefore, DateTimeOffset notAfter, double random01)
    {
        var total = notAfter - notBefore;
        return notBefore + (total * (MinFraction + (JitterFraction * Math.Clamp(random01, 0, 1))));
    }

    public static DateTimeOffset Next(X509Certificate2 certificate, Random random)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(random);
        return Next(PemCertificate.NotBefore(certificate), PemCertificate.NotAfter(certificate), random.NextDouble());
    }
}
