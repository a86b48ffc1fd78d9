using Sharplet.Api;
using Sharplet.KubeContainer;
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

        var regular = (spec.Containers ?? []).Select(c => ContainerStatusBuilder.Build(input, c, isInit: false)).ToList();
        var sandbox = input.Runtime.LatestSandbox;

        // Upstream HasAnyActiveRegularContainerStarted: a regular container was created in the current sandbox.
        var initialized = sandbox is not null
            && (spec.Containers ?? []).Any(c => input.Runtime.Containers.Any(r => r.Name == c.Name && r.SandboxId == sandbox.Id));
        var phase = PodPhaseCalculator.Compute(spec, init, regular, input.Terminal, initialized);
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

        // Upstream GeneratePodReadyToStartContainersCondition: true when no new sandbox is needed.
        var sandboxReady = !SandboxCheck.Of(spec, input.Runtime).NeedsNew;
        var (ready, containersReady) = ReadinessConditions(spec, init, regular, phase, input.Previous);
        var conditions = new List<PodCondition>
        {
            Condition(PodConditionType.PodReadyToStartContainers, sandboxReady, null, null),
            InitializedCondition(spec, init, regular, phase),
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

    // Ready and ContainersReady from the container statuses: every regular container and every sidecar must be
    // ready, and for Ready every readiness gate's condition must be True. Also used to apply one probe result
    // between full status computations (ReadinessPatch).
    internal static (PodCondition Ready, PodCondition ContainersReady) ReadinessConditions(
        PodSpec spec, IEnumerable<ApiContainerStatus> init, IEnumerable<ApiContainerStatus> regular, string? phase, PodStatus? previous)
    {
        var unready = init.Where(s => IsSidecar(spec, s.Name) && !s.Ready).Concat(regular.Where(s => !s.Ready)).Select(s => s.Name).ToList();
        var containersReady = ContainersReadyCondition(unready, phase);
        return (ReadyCondition(containersReady, spec, previous?.Conditions), containersReady);
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

    // Upstream GeneratePodInitializedCondition: regular init containers have all succeeded and every sidecar has
    // started; a succeeded pod, or one where a regular container has run, has been initialized whatever its init
    // containers show now (a sidecar may be restarting, records may be gone).
    private static PodCondition InitializedCondition(PodSpec spec, List<ApiContainerStatus> init, List<ApiContainerStatus> regular, string phase)
    {
        if (phase == PodPhase.Succeeded)
        {
            return Condition(PodConditionType.Initialized, true, "PodCompleted", null);
        }

        if (regular.Any(s => s.State?.Running is not null || s.State?.Terminated is not null))
        {
            return Condition(PodConditionType.Initialized, true, null, null);
        }

        var incomplete = new List<string>();
        foreach (var container in spec.InitContainers ?? [])
        {
            var status = init.First(s => s.Name == container.Name);
            var done = container.RestartPolicy == ContainerRestartPolicy.Always ? status.Started == true : status.Ready;
            if (!done)
            {
                incomplete.Add(container.Name);
            }
        }

        return incomplete.Count == 0
            ? Condition(PodConditionType.Initialized, true, null, null)
            : Condition(PodConditionType.Initialized, false, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incomplete)}]");
    }

    // Upstream GenerateContainersReadyCondition.
    private static PodCondition ContainersReadyCondition(List<string> unready, string? phase) => phase switch
    {
        PodPhase.Succeeded => Condition(PodConditionType.ContainersReady, false, "PodCompleted", null),
        PodPhase.Failed => Condition(PodConditionType.ContainersReady, false, "PodFailed", null),
        _ when unready.Count > 0 => Condition(PodConditionType.ContainersReady, false, "ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]"),
        _ => Condition(PodConditionType.ContainersReady, true, null, null),
    };

    // Upstream GeneratePodReadyCondition: ContainersReady, then every readiness gate's condition (set through the
    // API, so read from the previous status) must be True.
    private static PodCondition ReadyCondition(PodCondition containersReady, PodSpec spec, List<PodCondition>? previous)
    {
        if (containersReady.Status != ConditionStatus.True)
        {
            return Condition(PodConditionType.Ready, false, containersReady.Reason, containersReady.Message);
        }

        var unmet = new List<string>();
        foreach (var gate in spec.ReadinessGates ?? [])
        {
            var condition = previous?.FirstOrDefault(c => c.Type == gate.ConditionType);
            if (condition is null)
            {
                unmet.Add($"corresponding condition of pod readiness gate \"{gate.ConditionType}\" does not exist.");
            }
            else if (condition.Status != ConditionStatus.True)
            {
                unmet.Add($"the status of pod readiness gate \"{gate.ConditionType}\" is not \"True\", but {condition.Status}");
            }
        }

        return unmet.Count == 0
            ? Condition(PodConditionType.Ready, true, null, null)
            : Condition(PodConditionType.Ready, false, "ReadinessGatesNotReady", string.Join(", ", unmet));
    }

    private static PodCondition Condition(string type, bool value, string? reason, string? message) => new()
    {
        Type = type,
        Status = value ? ConditionStatus.True : ConditionStatus.False,
        Reason = reason,
        Message = message,
    };
}
