namespace Sharplet.Volumes;

// A volume could not be set up; the pod waits (upstream's FailedMount) and the next sync tries again.
internal sealed class VolumeException(string volume, string message) : Exception($"volume \"{volume}\": {message}")
{
    public string Volume { get; } = volume;
}
