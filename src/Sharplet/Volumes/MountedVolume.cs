namespace Sharplet.Volumes;

// A pod volume ready on the host: the directory (or file) containers bind-mount.
internal sealed record MountedVolume(string Name, string HostPath, bool ReadOnly = false);
