using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Pods;
using Sharplet.ProbeResults;

namespace Sharplet.Statuses;

// Everything the status of a pod is computed from; the computation itself does no I/O (the termination
// message reader is the one door to files, and it caches per container).
internal sealed record PodStatusInput(
    Pod Pod,
    RuntimePodStatus Runtime,
    IProbeResults Probes,
    ReasonCache Reasons,
    Func<RuntimeContainer, string?> TerminationMessage,
    PodStatus? Previous,
    NodeContext Node,
    string RuntimeName,
    bool Terminal,
    DateTimeOffset Now);
