namespace Sharplet.Certificate;

/// <summary>A certificate request the API refused for good: denied, failed, or replaced by an incompatible one.</summary>
internal sealed class CertificateRequestException : Exception
{
    public CertificateRequestException()
    {
    }

    public CertificateRequestException(string message)
        : base(message)
    {
    }

    public CertificateRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
