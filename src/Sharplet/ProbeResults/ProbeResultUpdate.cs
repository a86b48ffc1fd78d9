namespace Sharplet.ProbeResults;

// A verdict that changed (upstream results.Update): the sync loop reads these and syncs the pod, so a failed
// liveness probe restarts the container and a readiness change shows, without the prober driving the workers.
internal sealed record ProbeResultUpdate(string PodUid, string ContainerId, ProbeKind Kind, ProbeResult Result);
