namespace Sharplet.KubeRuntime;

internal enum RuntimeContainerState
{
    Created,
    Running,
    Exited,
    Unknown,
}
