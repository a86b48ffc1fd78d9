namespace Sharplet.Pleg;

internal enum PodLifecycleEventType
{
    ContainerStarted,
    ContainerDied,
    ContainerRemoved,
    ContainerChanged,

    // Something about the pod changed that is not tied to one container (a sandbox came or went).
    PodSync,
}
