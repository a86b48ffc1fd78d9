using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Pods;

// A change to a pod object in the API as the pod informer saw it (mirror pods included), for the parts of
// connected mode that react to the API side: the status writer and the mirror pod reconciler.
internal sealed record ApiPodChange(InformerEventType Type, Pod Pod);
