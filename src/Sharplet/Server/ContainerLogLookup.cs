namespace Sharplet.Server;

// Where a log request's log is, or the status and text to refuse it with (upstream's kubelet texts).
internal sealed record ContainerLogLookup(string? ContainerId, string? LogPath, bool Running, int Status, string? Error)
{
    public static ContainerLogLookup Refused(int status, string error) => new(null, null, false, status, error);

    public static ContainerLogLookup Found(string containerId, string logPath, bool running) => new(containerId, logPath, running, 200, null);
}
