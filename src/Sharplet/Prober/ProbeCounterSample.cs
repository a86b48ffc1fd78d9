namespace Sharplet.Prober;

// One series of prober_probe_total: ProbeType is Liveness, Readiness or Startup; Result is successful, failed
// or unknown (upstream's label values).
internal sealed record ProbeCounterSample(string ProbeType, string Result, string Container, string Pod, string Namespace, string PodUid, long Count);
