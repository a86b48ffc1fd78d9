namespace Sharplet.Api.Defaulting;

/// <summary>
/// Upstream's defaulting of a core/v1 Pod (SetObjectDefaults_Pod in pkg/apis/core/v1): what the
/// apiserver fills in on create, and what the kubelet applies to pods it reads from files or URLs.
/// Every rule only fills a field that is unset, so applying it twice changes nothing.
/// </summary>
internal static class PodDefaults
{
    public const string DefaultSchedulerName = "default-scheduler";

    public const long DefaultTerminationGracePeriodSeconds = 30;

    public static void Apply(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var spec = pod.Spec ??= new PodSpec();

        // SetDefaults_Pod runs first: requests copied from limits before any quantity is rounded.
        ApplyPodLevel(spec);
        ApplySpec(spec);

        foreach (var volume in spec.Volumes ?? [])
        {
            VolumeDefaults.Apply(volume);
        }

        foreach (var container in spec.InitContainers ?? [])
        {
            ContainerDefaults.Apply(container);
        }

        foreach (var container in spec.Containers ?? [])
        {
            ContainerDefaults.Apply(container);
        }

        foreach (var ephemeral in spec.EphemeralContainers ?? [])
        {
            // The converted container shares every list and object with the ephemeral one, so only
            // the scalar fields defaulting sets need copying back.
            var container = ephemeral.ToContainer();
            ContainerDefaults.Apply(container);
            ephemeral.ImagePullPolicy = container.ImagePullPolicy;
            ephemeral.TerminationMessagePath = container.TerminationMessagePath;
            ephemeral.TerminationMessagePolicy = container.TerminationMessagePolicy;
        }

        ResourceListDefaults.RoundUpToMilli(spec.Overhead);
    }

    // SetDefaults_Pod: the defaults that only a Pod (not a pod template) gets.
    private static void ApplyPodLevel(PodSpec spec)
    {
        foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
        {
            DefaultRequestsFromLimits(container);
        }

        spec.EnableServiceLinks ??= true;

        if (spec.HostNetwork == true)
        {
            // With host networking every container port is a host port.
            foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
            {
                foreach (var port in container.Ports ?? [])
                {
                    if (port.HostPort is null or 0)
                    {
                        port.HostPort = port.Number;
                    }
                }
            }
        }
    }

    // SetDefaults_PodSpec.
    private static void ApplySpec(PodSpec spec)
    {
        if (string.IsNullOrEmpty(spec.DnsPolicy))
        {
            spec.DnsPolicy = DNSPolicy.ClusterFirst;
        }

        if (string.IsNullOrEmpty(spec.RestartPolicy))
        {
            spec.RestartPolicy = RestartPolicy.Always;
        }

        spec.SecurityContext ??= new PodSecurityContext();
        spec.TerminationGracePeriodSeconds ??= DefaultTerminationGracePeriodSeconds;
        if (string.IsNullOrEmpty(spec.SchedulerName))
        {
            spec.SchedulerName = DefaultSchedulerName;
        }

        // v1 conversion keeps the deprecated serviceAccount alias and serviceAccountName in step;
        // the kubelet only reads serviceAccountName, so an old manifest's alias must reach it.
        if (string.IsNullOrEmpty(spec.ServiceAccountName) && !string.IsNullOrEmpty(spec.ServiceAccount))
        {
            spec.ServiceAccountName = spec.ServiceAccount;
        }
        else if (string.IsNullOrEmpty(spec.ServiceAccount) && !string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            spec.ServiceAccount = spec.ServiceAccountName;
        }
    }

    // A resource with a limit and no request is requested at its limit, per resource name.
    private static void DefaultRequestsFromLimits(Container container)
    {
        var resources = container.Resources;
        if (resources?.Limits is not { Count: > 0 } limits)
        {
            return;
        }

        var requests = resources.Requests ??= new Dictionary<string, Quantity>(StringComparer.Ordinal);
        foreach (var (name, limit) in limits)
        {
            requests.TryAdd(name, limit);
        }
    }
}
