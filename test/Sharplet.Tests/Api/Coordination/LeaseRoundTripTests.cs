using Sharplet.Api;
using Sharplet.Tests.Api.Serialization;

namespace Sharplet.Tests.Api.Coordination;

public class LeaseRoundTripTests
{
    [Fact]
    public void NodeLeaseFromApiServer_RoundTripsWithMicrosecondTimes()
    {
        var lease = RoundTrip.Check<Lease>("""
            {"kind":"Lease","apiVersion":"coordination.k8s.io/v1",
             "metadata":{"name":"node-1","namespace":"kube-node-lease","uid":"5d4c3b2a-1f0e","resourceVersion":"48250",
              "creationTimestamp":"2025-02-01T08:00:01Z",
              "ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"node-1","uid":"6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d"}]},
             "spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,"acquireTime":"2025-02-01T08:00:01.000000Z",
              "renewTime":"2025-03-04T10:11:12.345678Z","leaseTransitions":0}}
            """);

        lease.Spec!.RenewTime.ShouldBe(new DateTimeOffset(2025, 3, 4, 10, 11, 12, TimeSpan.Zero).AddTicks(3_456_780));
        lease.Spec.LeaseDurationSeconds.ShouldBe(40);
        lease.Metadata!.OwnerReferences![0].Kind.ShouldBe("Node");
    }
}
