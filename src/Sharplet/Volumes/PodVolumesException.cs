namespace Sharplet.Volumes;

// Some of a pod's volumes could not be set up; each failure names its volume (one FailedMount event each).
// The pod's other volumes were set up regardless, as upstream mounts each volume on its own.
internal sealed class PodVolumesException(IReadOnlyList<VolumeException> failures)
    : Exception(string.Join("; ", failures.Select(f => f.Message)))
{
    public IReadOnlyList<VolumeException> Failures { get; } = failures;
}
