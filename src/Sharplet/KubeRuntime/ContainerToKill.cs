using Sharplet.Api;
using Sharplet.KubeContainer;

namespace Sharplet.KubeRuntime;

// Spec is null for a container that belongs to no container of the pod's spec any more. Message is the
// Killing event's text ("Container main failed liveness probe, will be restarted"); empty means the default
// "Stopping container <name>".
internal sealed record ContainerToKill(RuntimeContainer Container, Container? Spec, string Message, KillReason Reason = KillReason.Other);
