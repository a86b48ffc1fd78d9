namespace Sharplet.KubeContainer;

internal enum RuntimeContainerState
{
    Created,
    Running,
    Exited,
    Unknown,
}
