namespace Sharplet.Cm;

// A cgroup that cannot be created, written or found; the message names the cgroup, the file and the value,
// and the caller adds the pod or flag it was for.
internal sealed class CgroupException : Exception
{
    public CgroupException()
    {
    }

    public CgroupException(string message)
        : base(message)
    {
    }

    public CgroupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
