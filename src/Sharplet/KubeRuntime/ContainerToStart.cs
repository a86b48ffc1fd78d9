using Sharplet.Api;
using Sharplet.KubeContainer;

namespace Sharplet.KubeRuntime;

// Previous is the container this one replaces (its restart count + 1 is the new attempt), null for the first.
// A previous container that was created and never started is the same attempt, not a restart: the starter
// adopts it (see ContainerStarter), so it keeps its restart count.
internal sealed record ContainerToStart(Container Spec, bool IsInit, string Reason, RuntimeContainer? Previous)
{
    public int RestartCount => Previous switch
    {
        null => 0,
        { State: RuntimeContainerState.Created } => Previous.RestartCount,
        _ => Previous.RestartCount + 1,
    };
}
