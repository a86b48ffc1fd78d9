using Sharplet.Api;

namespace Sharplet.Server;

// Which container instance a log request reads, from the pod's status, with upstream's
// validateContainerLogStatus texts for the cases that have no log to show.
internal static class ContainerLogTarget
{
    // The runtime's container ID (without the "containerd://" prefix), or the error to answer 400 with.
    public static (string? ContainerId, string? Error) Resolve(string podName, PodStatus? status, string containerName, bool previous)
    {
        var cStatus = (status?.ContainerStatuses ?? []).Concat(status?.InitContainerStatuses ?? []).Concat(status?.EphemeralContainerStatuses ?? [])
            .FirstOrDefault(c => c.Name == containerName);
        if (cStatus is null)
        {
            return (null, $"container \"{containerName}\" in pod \"{podName}\" is not available");
        }

        var last = cStatus.LastState?.Terminated;
        var waiting = cStatus.State?.Waiting;
        var running = cStatus.State?.Running;
        var terminated = cStatus.State?.Terminated;
        string? id;
        if (previous)
        {
            if (string.IsNullOrEmpty(last?.ContainerID))
            {
                return (null, $"previous terminated container \"{containerName}\" in pod \"{podName}\" not found");
            }

            id = last.ContainerID;
        }
        else if (running is not null)
        {
            id = cStatus.ContainerID;
        }
        else if (terminated is not null)
        {
            // The next instance did not start: its terminated state has no ID, the last one's log is shown.
            id = !string.IsNullOrEmpty(terminated.ContainerID) ? terminated.ContainerID
                : !string.IsNullOrEmpty(last?.ContainerID) ? last.ContainerID
                : null;
            if (id is null)
            {
                return (null, $"container \"{containerName}\" in pod \"{podName}\" is terminated");
            }
        }
        else if (last is not null)
        {
            if (string.IsNullOrEmpty(last.ContainerID))
            {
                return (null, $"container \"{containerName}\" in pod \"{podName}\" is terminated");
            }

            id = last.ContainerID;
        }
        else if (waiting is not null)
        {
            return (null, waiting.Reason switch
            {
                "ErrImagePull" => $"container \"{containerName}\" in pod \"{podName}\" is waiting to start: image can't be pulled",
                "ImagePullBackOff" => $"container \"{containerName}\" in pod \"{podName}\" is waiting to start: trying and failing to pull image",
                _ => $"container \"{containerName}\" in pod \"{podName}\" is waiting to start: {waiting.Reason}",
            });
        }
        else
        {
            return (null, $"container \"{containerName}\" in pod \"{podName}\" is waiting to start - no logs yet");
        }

        if (string.IsNullOrEmpty(id))
        {
            return (null, $"container \"{containerName}\" in pod \"{podName}\" is waiting to start - no logs yet");
        }

        var sep = id.IndexOf("://", StringComparison.Ordinal);
        return (sep >= 0 ? id[(sep + 3)..] : id, null);
    }
}
