using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.ProbeResults;
using Sharplet.Prober;
using Sharplet.Statuses;

namespace Sharplet.IntegrationTests.Prober;

internal static class ProbeConditions
{
    public static bool PodReady(PodStatusEntry entry) => Condition(entry, PodConditionType.Ready) == ConditionStatus.True;

    public static string? Condition(PodStatusEntry entry, string type) => entry.Status.Conditions?.FirstOrDefault(c => c.Type == type)?.Status;

    public static bool Running(PodStatusEntry entry, string container) =>
        entry.Status.ContainerStatuses?.Any(c => c.Name == container && c.State?.Running is not null) == true;

    public static int Restarts(PodStatusEntry entry, string container) => SharpletNode.Container(entry, container).RestartCount;

    // The prober's own count of runs (the prober_probe_total data) of one probe of a pod's container.
    public static long ProbeRuns(SharpletNode node, PodStatusEntry entry, string container, ProbeKind kind, string result) =>
        node.Service<ProbeCounters>().Snapshot()
            .Where(c => c.PodUid == entry.Pod.Metadata!.Uid && c.Container == container && c.ProbeType == kind.ToString() && c.Result == result)
            .Sum(c => c.Count);

    public static async Task ProbeRunsAtLeastAsync(SharpletNode node, PodStatusEntry entry, string container, ProbeKind kind, string result, long count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (ProbeRuns(node, entry, container, kind, result) < count)
        {
            try
            {
                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"pod {entry.Pod.Metadata!.Name}: fewer than {count} {result} {kind} probe runs of {container} within 30s");
            }
        }
    }
}
