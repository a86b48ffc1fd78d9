namespace Sharplet.Prober.Handlers;

// A probe or hook port that names no port of the container, or is out of range: the probe cannot run.
internal sealed class PortResolutionException : Exception
{
    public PortResolutionException()
    {
    }

    public PortResolutionException(string message)
        : base(message)
    {
    }

    public PortResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
