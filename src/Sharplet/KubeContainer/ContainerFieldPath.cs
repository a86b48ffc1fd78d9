using Sharplet.Api;

namespace Sharplet.KubeContainer;

// Upstream fieldPath (pkg/kubelet/container/ref.go, used by GenerateContainerRef): where in the pod's spec a
// container is, for the involvedObject.fieldPath of the events about it, looked up in the regular, init and
// ephemeral containers in that order. A name the spec does not list (an orphan's container) is named as a
// regular container.
internal static class ContainerFieldPath
{
    public static string Of(Pod? pod, string name)
    {
        var spec = pod?.Spec;
        if (spec?.Containers?.Any(c => c.Name == name) != true)
        {
            if (spec?.InitContainers?.Any(c => c.Name == name) == true)
            {
                return $"spec.initContainers{{{name}}}";
            }

            if (spec?.EphemeralContainers?.Any(c => c.Name == name) == true)
            {
                return $"spec.ephemeralContainers{{{name}}}";
            }
        }

        return $"spec.containers{{{name}}}";
    }
}
