using Sharplet.Api;

namespace Sharplet.NodeLease;

// The pure side of the lease controller: the lease to create, the lease to write on renewal and when to renew.
internal static class LeaseRenewal
{
    // The wait after a sync: the renew interval stretched by up to JitterFactor (random01 in [0, 1)), so a fleet of
    // nodes started together does not renew in lockstep.
    public static TimeSpan NextWait(NodeLeaseOptions options, double random01)
    {
        ArgumentNullException.ThrowIfNull(options);
        var interval = options.RenewInterval;
        return interval + (interval * (options.JitterFactor * random01));
    }

    public static Lease New(NodeLeaseOptions options, DateTimeOffset now, string nodeUid)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Lease
        {
            ApiVersion = "coordination.k8s.io/v1",
            Kind = "Lease",
            Metadata = new ObjectMeta
            {
                Name = options.NodeName,
                Namespace = options.Namespace,
                OwnerReferences = [Owner(options.NodeName, nodeUid)],
            },
            Spec = new LeaseSpec
            {
                HolderIdentity = options.NodeName,
                LeaseDurationSeconds = options.DurationSeconds,
                RenewTime = now,
            },
        };
    }

    // A copy of the current lease with renewTime now. Holder and duration are asserted too (upstream only sets
    // renewTime, so a changed nodeLeaseDurationSeconds would never reach an existing lease). The owner reference
    // is added when missing and the node's UID is known (a lease created by someone else, or before the node).
    public static Lease Renewed(Lease current, NodeLeaseOptions options, DateTimeOffset now, string? nodeUid)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        var lease = KubeJson.Deserialize<Lease>(KubeJson.SerializeToUtf8Bytes(current), KubeJson.Lenient)!;
        lease.Spec ??= new LeaseSpec();
        lease.Spec.HolderIdentity = options.NodeName;
        lease.Spec.LeaseDurationSeconds = options.DurationSeconds;
        lease.Spec.RenewTime = now;
        if (!HasOwner(lease) && nodeUid is not null)
        {
            lease.Metadata ??= new ObjectMeta { Name = options.NodeName, Namespace = options.Namespace };
            lease.Metadata.OwnerReferences = [Owner(options.NodeName, nodeUid)];
        }

        return lease;
    }

    public static bool HasOwner(Lease lease) => lease?.Metadata?.OwnerReferences is { Count: > 0 };

    private static OwnerReference Owner(string nodeName, string uid) => new() { ApiVersion = "v1", Kind = "Node", Name = nodeName, Uid = uid };
}
