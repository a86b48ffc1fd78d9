using Sharplet.Api;
using Sharplet.Pods;
using Sharplet.Volumes;

namespace Sharplet.Tests.Volumes;

// Claim -> PV checks before a persistentVolumeClaim volume is mounted.
public sealed class ClaimBindingTests
{
    private static readonly NodeContext Node = new("node-1", [], new Dictionary<string, Quantity>(), 0, new Dictionary<string, string> { ["kubernetes.io/hostname"] = "node-1" });

    private static readonly PersistentVolumeClaim Claim = new()
    {
        Metadata = new ObjectMeta { Name = "data", Namespace = "ns", Uid = "claim-uid" },
        Spec = new PersistentVolumeClaimSpec { VolumeName = "pv-1" },
        Status = new PersistentVolumeClaimStatus { Phase = "Bound" },
    };

    [Fact]
    public void PendingClaim_IsNotMounted() =>
        ClaimBinding.ClaimProblem(new PersistentVolumeClaim { Status = new PersistentVolumeClaimStatus { Phase = "Pending" } }, "ns/data")
            .ShouldBe("PVC ns/data has non-bound phase (\"Pending\") or empty pvc.Spec.VolumeName (\"\")");

    [Fact]
    public void BoundClaim_IsFine() => ClaimBinding.ClaimProblem(Claim, "ns/data").ShouldBeNull();

    [Fact]
    public void LocalPv_AffinityMatchingTheNode_IsFine() =>
        ClaimBinding.VolumeProblem(Claim, LocalPv("node-1"), Node, "ns/data").ShouldBeNull();

    [Fact]
    public void LocalPv_AffinityForAnotherNode_IsAConflictNamingPvAndNode() =>
        ClaimBinding.VolumeProblem(Claim, LocalPv("node-2"), Node, "ns/data").ShouldNotBeNull()
            .ShouldStartWith("volume node affinity conflict: PV \"pv-1\" (local /mnt/disk) cannot be used on node \"node-1\"");

    [Fact]
    public void PvBoundToAnotherClaim_IsRefused()
    {
        var pv = LocalPv("node-1");
        pv.Spec!.ClaimRef!.Uid = "other-uid";

        ClaimBinding.VolumeProblem(Claim, pv, Node, "ns/data").ShouldNotBeNull().ShouldContain("ClaimRef that is not bound to the PVC ns/data");
    }

    [Fact]
    public void CsiPv_IsRefusedNamingCsi()
    {
        var pv = new PersistentVolume
        {
            Metadata = new ObjectMeta { Name = "pv-1" },
            Spec = new PersistentVolumeSpec { ClaimRef = Ref(), Csi = new CSIPersistentVolumeSource { Driver = "ebs.csi.aws.com", VolumeHandle = "vol-1" } },
        };

        ClaimBinding.VolumeProblem(Claim, pv, Node, "ns/data").ShouldBe(
            "PVC ns/data is bound to PV \"pv-1\" of CSI driver \"ebs.csi.aws.com\": CSI volumes are not supported by Sharplet yet");
    }

    [Fact]
    public void NfsPv_IsRefusedNamingTheSource()
    {
        var pv = KubeJson.Deserialize<PersistentVolume>("""{"metadata":{"name":"pv-1"},"spec":{"claimRef":{"name":"data","namespace":"ns"},"nfs":{"server":"x","path":"/"}}}""", KubeJson.Lenient)!;

        ClaimBinding.VolumeProblem(Claim, pv, Node, "ns/data").ShouldNotBeNull().ShouldContain("volume source \"nfs\"");
    }

    private static ObjectReference Ref() => new() { Name = "data", Namespace = "ns", Uid = "claim-uid" };

    private static PersistentVolume LocalPv(string node) => new()
    {
        Metadata = new ObjectMeta { Name = "pv-1" },
        Spec = new PersistentVolumeSpec
        {
            ClaimRef = Ref(),
            Local = new LocalVolumeSource { Path = "/mnt/disk" },
            NodeAffinity = new VolumeNodeAffinity
            {
                Required = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "kubernetes.io/hostname", Operator = "In", Values = [node] }] }],
                },
            },
        },
    };
}
