namespace Sharplet.Api.Defaulting;

/// <summary>
/// Upstream's per-container defaults (SetDefaults_Container and what SetObjectDefaults_Pod applies
/// to a container's ports, env, resources, probes and lifecycle handlers).
/// </summary>
internal static class ContainerDefaults
{
    public const string TerminationMessagePathDefault = "/dev/termination-log";

    public static void Apply(Container container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (string.IsNullOrEmpty(container.ImagePullPolicy))
        {
            container.ImagePullPolicy = DefaultPullPolicy(container.Image);
        }

        if (string.IsNullOrEmpty(container.TerminationMessagePath))
        {
            container.TerminationMessagePath = TerminationMessagePathDefault;
        }

        if (string.IsNullOrEmpty(container.TerminationMessagePolicy))
        {
            container.TerminationMessagePolicy = TerminationMessagePolicy.File;
        }

        foreach (var port in container.Ports ?? [])
        {
            if (string.IsNullOrEmpty(port.Protocol))
            {
                port.Protocol = Protocol.Tcp;
            }
        }

        foreach (var env in container.Env ?? [])
        {
            ApplyFieldRef(env.ValueFrom?.FieldRef);
        }

        ResourceListDefaults.RoundUpToMilli(container.Resources?.Limits);
        ResourceListDefaults.RoundUpToMilli(container.Resources?.Requests);

        ApplyProbe(container.LivenessProbe);
        ApplyProbe(container.ReadinessProbe);
        ApplyProbe(container.StartupProbe);
        ApplyHttpGet(container.Lifecycle?.PostStart?.HttpGet);
        ApplyHttpGet(container.Lifecycle?.PreStop?.HttpGet);
    }

    /// <summary>
    /// Always for an image whose tag is (or defaults to) <c>latest</c>, IfNotPresent otherwise,
    /// including digest-only references and references that do not parse (validated elsewhere).
    /// </summary>
    public static string DefaultPullPolicy(string? image) =>
        ImageReference.TryParse(image, out var reference) && reference.IsLatest ? PullPolicy.Always : PullPolicy.IfNotPresent;

    /// <summary>SetDefaults_ObjectFieldSelector.</summary>
    public static void ApplyFieldRef(ObjectFieldSelector? fieldRef)
    {
        if (fieldRef is not null && string.IsNullOrEmpty(fieldRef.ApiVersion))
        {
            fieldRef.ApiVersion = "v1";
        }
    }

    // SetDefaults_Probe plus the declarative default of grpc.service ("").
    private static void ApplyProbe(Probe? probe)
    {
        if (probe is null)
        {
            return;
        }

        if (probe.TimeoutSeconds is null or 0)
        {
            probe.TimeoutSeconds = 1;
        }

        if (probe.PeriodSeconds is null or 0)
        {
            probe.PeriodSeconds = 10;
        }

        if (probe.SuccessThreshold is null or 0)
        {
            probe.SuccessThreshold = 1;
        }

        if (probe.FailureThreshold is null or 0)
        {
            probe.FailureThreshold = 3;
        }

        ApplyHttpGet(probe.HttpGet);
        if (probe.Grpc is { } grpc)
        {
            grpc.Service ??= string.Empty;
        }
    }

    // SetDefaults_HTTPGetAction.
    private static void ApplyHttpGet(HTTPGetAction? action)
    {
        if (action is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(action.Path))
        {
            action.Path = "/";
        }

        if (string.IsNullOrEmpty(action.Scheme))
        {
            action.Scheme = URIScheme.Http;
        }
    }
}
