using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Nodes;
using Sharplet.Pods;
using Sharplet.Statuses;

namespace Sharplet.Admission;

// Upstream's predicate admission: a pod must fit in the pod count (maxPods) and in what is allocatable after the
// pods already admitted, and be meant for this node (nodeSelector, required node affinity, nodeName). A refused
// pod gets phase Failed with upstream's reason (OutOfpods, OutOfcpu, OutOfmemory, NodeAffinity...) and is never
// started.
internal sealed partial class PodAdmission(NodeContext node, INodePressure pressure, StatusManager statuses, TimeProvider time, ILogger<PodAdmission> logger) : IPodAdmission
{
    public bool Admit(Pod pod, IPodWorkerStates workers)
    {
        var refusal = Check(pod, workers.SyncingPods());
        if (refusal is null)
        {
            return true;
        }

        var (reason, message) = refusal.Value;
        LogRefused(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, pod.Metadata?.Uid, reason, message);
        statuses.SetPodStatus(pod, new PodStatus
        {
            Phase = PodPhase.Failed,
            Reason = reason,
            Message = message,
            StartTime = time.GetUtcNow(),
            QosClass = QosClass.Of(pod.Spec!),
        });
        return false;
    }

    // The first failing predicate in upstream's order (the scheduler's AdmissionCheck): resources (pods, cpu,
    // memory, ephemeral storage, then the others), node affinity (nodeSelector and required node affinity), node
    // name. Messages are upstream's, prefixed as rejectPod prefixes them.
    internal (string Reason, string Message)? Check(Pod pod, IReadOnlyList<Pod> admitted)
    {
        var spec = pod.Spec!;
        if (PressureAdmission.Check(pod, pressure.Current) is { } underPressure)
        {
            return underPressure;
        }

        if (node.Allocatable.TryGetValue(ResourceName.Pods, out var maxPods) && admitted.Count + 1 > maxPods.Value())
        {
            return ("OutOfpods", $"Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: {admitted.Count}, capacity: {maxPods.Value()}");
        }

        var used = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var other in admitted)
        {
            PodResourceTotals.Add(used, PodResourceTotals.Requests(other.Spec!));
        }

        var requests = PodResourceTotals.Requests(spec);
        foreach (var name in requests.Keys.OrderBy(FitOrder).ThenBy(n => n, StringComparer.Ordinal))
        {
            var requested = requests[name];
            if (requested.IsZero || !node.Allocatable.TryGetValue(name, out var capacity))
            {
                continue;
            }

            var inUse = used.GetValueOrDefault(name);
            if (inUse + requested > capacity)
            {
                var milli = name == ResourceName.Cpu;
                string Show(Quantity q) => (milli ? q.MilliValue() : q.Value()).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ($"OutOf{name}", $"Pod was rejected: Node didn't have enough resource: {name}, requested: {Show(requested)}, used: {Show(inUse)}, capacity: {Show(capacity)}");
            }
        }

        if (!MatchesNodeSelector(spec) || !MatchesRequiredNodeAffinity(spec))
        {
            return ("NodeAffinity", "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector");
        }

        if (!string.IsNullOrEmpty(spec.NodeName) && !string.Equals(spec.NodeName, node.NodeName, StringComparison.Ordinal))
        {
            return ("NodeName", "Pod was rejected: Predicate NodeName failed: node(s) didn't match the requested node name");
        }

        return null;
    }

    private static int FitOrder(string resource) => resource switch
    {
        ResourceName.Cpu => 0,
        ResourceName.Memory => 1,
        ResourceName.EphemeralStorage => 2,
        _ => 3,
    };

    private bool MatchesNodeSelector(PodSpec spec) =>
        (spec.NodeSelector ?? []).All(s => node.Labels.TryGetValue(s.Key, out var actual) && actual == s.Value);

    private bool MatchesRequiredNodeAffinity(PodSpec spec) =>
        spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution is not { } required
        || NodeSelectorMatcher.Matches(required, node.Labels, node.NodeName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}) refused: {Reason}: {Message}")]
    private static partial void LogRefused(ILogger logger, string? @namespace, string? pod, string? podUid, string reason, string message);
}
