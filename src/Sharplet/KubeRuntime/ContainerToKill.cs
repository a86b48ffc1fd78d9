using Sharplet.Api;

namespace Sharplet.KubeRuntime;

// Spec is null for a container that belongs to no container of the pod's spec any more.
internal sealed record ContainerToKill(RuntimeContainer Container, Container? Spec, string Reason);
