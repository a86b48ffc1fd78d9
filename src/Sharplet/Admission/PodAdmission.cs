using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Pods;
using Sharplet.PodWorkers;
using Sharplet.Statuses;

namespace Sharplet.Admission;

// Upstream's predicate admission: a pod must be meant for this node (nodeName, nodeSelector), fit in the pod
// count (maxPods) and in what is allocatable after the pods already admitted. A refused pod gets phase Failed
// with upstream's reason (NodeAffinity, OutOfpods, OutOfcpu, OutOfmemory...) and is never started.
internal sealed partial class PodAdmission(NodeContext node, StatusManager statuses, TimeProvider time, ILogger<PodAdmission> logger) : IPodAdmission
{
    public bool Admit(Pod pod, PodWorkerPool workers)
    {
        var refusal = Check(pod, workers.Workers.Where(w => w.State == PodWorkerState.Syncing).Select(w => w.Pod).OfType<Pod>().ToList());
        if (refusal is null)
        {
            return true;
        }

        var (reason, message) = refusal.Value;
        LogRefused(logger, pod.Metadata?.Namespace, pod.Metadata?.Name, reason, message);
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

    internal (string Reason, string Message)? Check(Pod pod, IReadOnlyList<Pod> admitted)
    {
        var spec = pod.Spec!;
        if (!string.IsNullOrEmpty(spec.NodeName) && !string.Equals(spec.NodeName, node.NodeName, StringComparison.Ordinal))
        {
            return ("NodeName", $"Pod was rejected: Predicate NodeName failed: node \"{node.NodeName}\" is not \"{spec.NodeName}\"");
        }

        foreach (var (key, value) in spec.NodeSelector ?? [])
        {
            if (!node.Labels.TryGetValue(key, out var actual) || actual != value)
            {
                return ("NodeAffinity", "Pod was rejected: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector");
            }
        }

        if (node.Allocatable.TryGetValue(ResourceName.Pods, out var maxPods) && admitted.Count + 1 > maxPods.Value())
        {
            return ("OutOfpods", $"Pod was rejected: Node didn't have enough resource: pods, requested: 1, used: {admitted.Count}, capacity: {maxPods.Value()}");
        }

        var used = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var other in admitted)
        {
            PodRequests.Add(used, PodRequests.Of(other.Spec!));
        }

        foreach (var (name, requested) in PodRequests.Of(spec))
        {
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

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} refused: {Reason}: {Message}")]
    private static partial void LogRefused(ILogger logger, string? @namespace, string? pod, string reason, string message);
}
