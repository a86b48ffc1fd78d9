using System.Text.Json.Nodes;
using Sharplet.Api;

namespace Sharplet.Statuses;

// The pure rules of upstream's status manager for writing a pod status to the API (mergePodStatus,
// isPodStatusByKubeletEqual/normalizeStatus, statusutil.PatchPodStatus): what the kubelet owns, when two
// statuses are the same, and the strategic merge patch that takes the API's status to ours.
internal static class PodStatusMerge
{
    // kubetypes.PodConditionsByKubelet: every other condition type belongs to someone else (readiness gates,
    // the scheduler's own, DisruptionTarget by the eviction API) and is kept as the API has it.
    private static readonly HashSet<string> KubeletConditions = new(StringComparer.Ordinal)
    {
        PodConditionType.PodScheduled,
        PodConditionType.Ready,
        PodConditionType.Initialized,
        PodConditionType.ContainersReady,
        PodConditionType.PodReadyToStartContainers,
    };

    public static bool IsKubeletCondition(string type) => KubeletConditions.Contains(type);

    public static bool IsTerminal(string? phase) => phase is PodPhase.Succeeded or PodPhase.Failed;

    // The status to send: ours, with the conditions others own taken from the API, and fields the kubelet
    // never sets (resourceClaimStatuses, nominatedNodeName) kept. A pod is not reported terminal while it may
    // still have running containers (upstream delays the phase so exclusive resources are not reused early).
    public static PodStatus Merge(PodStatus? api, PodStatus kubelet, bool couldHaveRunningContainers)
    {
        var merged = Clone(kubelet);
        var conditions = new List<PodCondition>();
        conditions.AddRange((api?.Conditions ?? []).Where(c => !IsKubeletCondition(c.Type)));
        conditions.AddRange((kubelet.Conditions ?? []).Where(c => IsKubeletCondition(c.Type)));

        // Upstream: the kubelet's own DisruptionTarget (an eviction) is written as the pod turns terminal.
        if (!IsTerminal(api?.Phase) && IsTerminal(kubelet.Phase)
            && kubelet.Conditions?.FirstOrDefault(c => c.Type == PodConditionType.DisruptionTarget) is { } disruption)
        {
            conditions.RemoveAll(c => c.Type == PodConditionType.DisruptionTarget);
            conditions.Add(disruption);
        }

        merged.Conditions = conditions.Count > 0 ? conditions : null;
        merged.ResourceClaimStatuses = api?.ResourceClaimStatuses;
        merged.NominatedNodeName = api?.NominatedNodeName;
        if (api is not null && !IsTerminal(api.Phase) && IsTerminal(merged.Phase) && couldHaveRunningContainers)
        {
            merged.Phase = api.Phase;
            merged.Reason = api.Reason;
            merged.Message = api.Message;
        }

        return merged;
    }

    // Equal as the API would store them: times at second precision (KubeJson writes RFC 3339 seconds) and
    // container statuses in name order.
    public static bool Same(PodStatus? a, PodStatus? b) => Normalized(a) == Normalized(b);

    // A strategic merge patch from the API's status to the merged one: every field of ours, null for a field
    // the API has and we dropped, a $patch:delete for a list item (keyed by its merge key) that is gone. The
    // pod's UID rides along in metadata: if the name now belongs to another pod the server refuses the patch,
    // so a status is never written onto a pod it was not computed for.
    public static JsonObject Patch(string uid, PodStatus? api, PodStatus merged)
    {
        var ours = ToNode(merged);
        var theirs = api is null ? new JsonObject() : ToNode(api);
        foreach (var (name, _) in theirs)
        {
            if (!ours.ContainsKey(name))
            {
                ours[name] = null;
            }
        }

        AddDeletions(ours, theirs, "conditions", "type");
        AddDeletions(ours, theirs, "podIPs", "ip");
        AddDeletions(ours, theirs, "hostIPs", "ip");
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["uid"] = uid },
            ["status"] = ours,
        };
    }

    private static void AddDeletions(JsonObject ours, JsonObject theirs, string list, string key)
    {
        if (theirs[list] is not JsonArray before)
        {
            return;
        }

        var keep = (ours[list] as JsonArray ?? []).Select(i => i?[key]?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var deletions = before.Select(i => i?[key]?.GetValue<string>()).Where(k => k is not null && !keep.Contains(k)).ToList();
        if (deletions.Count == 0)
        {
            return;
        }

        if (ours[list] is not JsonArray after)
        {
            after = [];
            ours[list] = after;
        }

        foreach (var gone in deletions)
        {
            // The JsonNode overload: the generic Add<T> would wrap the object in a reflection-serialized JsonValue.
            after.Add((JsonNode)new JsonObject { [key] = gone, ["$patch"] = "delete" });
        }
    }

    private static string Normalized(PodStatus? status)
    {
        if (status is null)
        {
            return string.Empty;
        }

        var copy = Clone(status);
        copy.ContainerStatuses = copy.ContainerStatuses?.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        copy.InitContainerStatuses = copy.InitContainerStatuses?.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        copy.EphemeralContainerStatuses = copy.EphemeralContainerStatuses?.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        copy.Conditions = copy.Conditions?.OrderBy(c => c.Type, StringComparer.Ordinal).ToList();
        var node = ToNode(copy);
        Prune(node);
        return node.ToJsonString();
    }

    // The API writes empty objects (a container's lastState: {}) where we write nothing; both mean "unset".
    private static bool Prune(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return true;
            case JsonObject obj:
                foreach (var name in obj.Where(p => Prune(p.Value)).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }

                return obj.Count == 0;
            case JsonArray array:
                foreach (var item in array)
                {
                    Prune(item);
                }

                return array.Count == 0;
            default:
                return false;
        }
    }

    private static JsonObject ToNode(PodStatus status) =>
        JsonNode.Parse(KubeJson.SerializeToUtf8Bytes(status))!.AsObject();

    private static PodStatus Clone(PodStatus status) =>
        KubeJson.Deserialize<PodStatus>(KubeJson.SerializeToUtf8Bytes(status), KubeJson.Lenient)!;
}
