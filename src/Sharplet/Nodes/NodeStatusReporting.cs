namespace Sharplet.Nodes;

// Upstream's rule with node leases: the lease is the heartbeat, so the status is only patched when it changed
// or when nodeStatusReportFrequency has passed since the last patch (so lastHeartbeatTime still moves, slowly).
internal static class NodeStatusReporting
{
    public static bool ShouldPatch(bool changed, DateTimeOffset now, DateTimeOffset? lastReport, TimeSpan reportFrequency) =>
        changed || lastReport is not { } last || now >= last + reportFrequency;
}
