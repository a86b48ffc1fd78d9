using Sharplet.Api;
using ApiContainerStatus = Sharplet.Api.ContainerStatus;

namespace Sharplet.Statuses;

// The API status of a pod (upstream generateAPIPodStatus): container statuses, phase, conditions, IPs,
// start time and QoS class. Transition times carry over from the previous status while a condition holds.
internal static class PodStatusGenerator
{
    public static PodStatus Generate(PodStatusInput input)
    {
        var pod = input.Pod;
        var spec = pod.Spec!;
        var init = new List<ApiContainerStatus>();
        foreach (var container in spec.InitContainers ?? [])
        {
            init.Add(ContainerStatusBuilder.Build(input, container, isInit: true));
        }

        var initDone = InitDone(spec, init, out var incomplete);
        var regular = (spec.Containers ?? []).Select(c => ContainerStatusBuilder.Build(input, c, isInit: false)).ToList();
        var phase = PodPhaseCalculator.Compute(spec, init, regular, input.Terminal);
        var sandbox = input.Runtime.LatestSandbox;
        var podIps = spec.HostNetwork == true
            ? input.Node.HostIps
            : sandbox is { Ready: true } ? sandbox.Ips : input.Terminal ? [] : input.Previous?.PodIPs?.Select(p => p.IP).ToList() ?? [];

        var status = new PodStatus
        {
            Phase = phase,
            HostIP = input.Node.HostIp,
            HostIPs = input.Node.HostIps.Select(ip => new HostIP { IP = ip }).ToList(),
            PodIP = podIps.Count > 0 ? podIps[0] : null,
            PodIPs = podIps.Count > 0 ? podIps.Select(ip => new PodIP { IP = ip }).ToList() : null,
            // The first time the node acted on the pod; after a restart of Sharplet, its oldest sandbox says when.
            StartTime = input.Previous?.StartTime ?? (input.Runtime.Sandboxes.Count > 0 ? input.Runtime.Sandboxes[^1].CreatedAt : input.Now),
            QosClass = QosClass.Of(spec),
            InitContainerStatuses = init.Count > 0 ? init : null,
            ContainerStatuses = regular,
        };

        var terminal = phase is PodPhase.Succeeded or PodPhase.Failed;
        var sandboxReady = sandbox is { Ready: true } && (spec.HostNetwork == true || sandbox.Ips.Count > 0);
        var (ready, containersReady) = ReadinessConditions(spec, init, regular, terminal, input.Previous);
        var conditions = new List<PodCondition>
        {
            Condition(PodConditionType.PodReadyToStartContainers, sandboxReady, null, null),
            Condition(PodConditionType.Initialized, initDone, initDone ? null : "ContainersNotInitialized",
                initDone ? null : $"containers with incomplete status: [{string.Join(' ', incomplete)}]"),
            ready,
            containersReady,
            Condition(PodConditionType.PodScheduled, true, null, null),
        };

        // Conditions owned by others (readiness gates set through the API) are kept as they were.
        foreach (var kept in input.Previous?.Conditions ?? [])
        {
            if (!conditions.Any(c => c.Type == kept.Type))
            {
                conditions.Add(kept);
            }
        }

        StampTransitions(conditions, input.Previous, input.Now);
        status.Conditions = conditions;
        return status;
    }

    // Ready and ContainersReady from the container statuses (upstream GeneratePodReadyCondition and
    // GenerateContainersReadyCondition): every regular container and every sidecar must be ready, and for Ready
    // every readiness gate's condition must be True.
    internal static (PodCondition Ready, PodCondition ContainersReady) ReadinessConditions(
        PodSpec spec, IEnumerable<ApiContainerStatus> init, IEnumerable<ApiContainerStatus> regular, bool terminal, PodStatus? previous)
    {
        var unready = init.Where(s => IsSidecar(spec, s.Name) && !s.Ready).Concat(regular.Where(s => !s.Ready)).Select(s => s.Name).ToList();
        var gatesMet = (spec.ReadinessGates ?? []).All(g =>
            previous?.Conditions?.Any(c => c.Type == g.ConditionType && c.Status == ConditionStatus.True) == true);
        return (ReadyCondition(PodConditionType.Ready, unready, terminal, gatesMet), ReadyCondition(PodConditionType.ContainersReady, unready, terminal, true));
    }

    // A condition keeps its transition time while its status holds.
    internal static void StampTransitions(IEnumerable<PodCondition> conditions, PodStatus? previous, DateTimeOffset now)
    {
        foreach (var condition in conditions)
        {
            var before = previous?.Conditions?.FirstOrDefault(c => c.Type == condition.Type);
            condition.LastTransitionTime ??= before is not null && before.Status == condition.Status ? before.LastTransitionTime : now;
        }
    }

    private static bool IsSidecar(PodSpec spec, string name) =>
        (spec.InitContainers ?? []).Any(c => c.Name == name && c.RestartPolicy == ContainerRestartPolicy.Always);

    // Regular init containers have all succeeded and every sidecar has started.
    private static bool InitDone(PodSpec spec, List<ApiContainerStatus> init, out List<string> incomplete)
    {
        incomplete = [];
        foreach (var container in spec.InitContainers ?? [])
        {
            var status = init.First(s => s.Name == container.Name);
            var done = container.RestartPolicy == ContainerRestartPolicy.Always
                ? status.Started == true
                : status.State?.Terminated is { ExitCode: 0 };
            if (!done)
            {
                incomplete.Add(container.Name);
            }
        }

        return incomplete.Count == 0;
    }

    private static PodCondition ReadyCondition(string type, List<string> unready, bool terminal, bool gatesMet)
    {
        if (terminal)
        {
            return Condition(type, false, "PodCompleted", null);
        }

        if (unready.Count > 0)
        {
            return Condition(type, false, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");
        }

        return gatesMet ? Condition(type, true, null, null) : Condition(type, false, "ReadinessGatesNotReady", "corresponding condition of pod readiness gate is not true");
    }

    private static PodCondition Condition(string type, bool value, string? reason, string? message) => new()
    {
        Type = type,
        Status = value ? ConditionStatus.True : ConditionStatus.False,
        Reason = reason,
        Message = message,
    };
}
