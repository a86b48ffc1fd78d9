using Sharplet.Api;
using Sharplet.KubeContainer;

namespace Sharplet.KubeRuntime;

// Previous is the container this one replaces (its restart count + 1 is the new attempt), null for the first.
internal sealed record ContainerToStart(Container Spec, bool IsInit, string Reason, RuntimeContainer? Previous)
{
    public int RestartCount => Previous is null ? 0 : Previous.RestartCount + 1;
}
