namespace Sharplet.KubeRuntime;

// Upstream's GCPolicy with the kubelet's defaults: dead containers of any age may go, one dead container is kept
// per pod and container name (for lastState and logs --previous), no node-wide cap (-1).
internal sealed record ContainerGcPolicy(TimeSpan MinAge, int MaxPerPodContainer, int MaxContainers)
{
    public static ContainerGcPolicy Default { get; } = new(TimeSpan.Zero, 1, -1);

    // Upstream's ContainerGCPeriod.
    public static TimeSpan Period { get; } = TimeSpan.FromMinutes(1);
}
