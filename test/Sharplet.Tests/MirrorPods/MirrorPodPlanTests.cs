using Sharplet.Api;
using Sharplet.MirrorPods;
using Sharplet.Pods;

namespace Sharplet.Tests.MirrorPods;

public sealed class MirrorPodPlanTests
{
    private static Pod Static(string name, string hash) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = "kube-system",
            Uid = hash,
            Labels = new() { ["tier"] = "control-plane" },
            Annotations = new() { [ConfigAnnotations.Hash] = hash, [ConfigAnnotations.Source] = ConfigAnnotations.FileSource },
        },
        Spec = new PodSpec { NodeName = "n1", Containers = [new Container { Name = "c", Image = "busybox" }] },
    };

    private static Pod Mirror(string name, string hash, bool deleting = false) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = "kube-system",
            Uid = "api-" + name,
            Annotations = new() { [ConfigAnnotations.Mirror] = hash },
            DeletionTimestamp = deleting ? DateTimeOffset.UnixEpoch : null,
        },
    };

    [Fact]
    public void StaticPodWithoutMirror_IsCreated()
    {
        var action = MirrorPodPlan.Compute([Static("etcd-n1", "h1")], [], allSourcesReady: true).ShouldHaveSingleItem();

        (action.Delete, action.Create?.Metadata?.Name).ShouldBe((null, "etcd-n1"));
    }

    [Fact]
    public void MatchingMirror_NeedsNothing() =>
        MirrorPodPlan.Compute([Static("etcd-n1", "h1")], [Mirror("etcd-n1", "h1")], allSourcesReady: true).ShouldBeEmpty();

    [Theory]
    [InlineData("h-old", false)]
    [InlineData("h1", true)]
    public void StaleOrDeletingMirror_IsReplaced(string mirrorHash, bool deleting)
    {
        var action = MirrorPodPlan.Compute([Static("etcd-n1", "h1")], [Mirror("etcd-n1", mirrorHash, deleting)], allSourcesReady: true).ShouldHaveSingleItem();

        action.Delete!.Metadata!.Uid.ShouldBe("api-etcd-n1");
        action.Create!.Metadata!.Name.ShouldBe("etcd-n1");
    }

    [Fact]
    public void OrphanedMirror_IsDeletedOnlyOnceAllSourcesReported()
    {
        MirrorPodPlan.Compute([], [Mirror("old-n1", "h0")], allSourcesReady: false).ShouldBeEmpty();

        var action = MirrorPodPlan.Compute([], [Mirror("old-n1", "h0")], allSourcesReady: true).ShouldHaveSingleItem();
        (action.Delete!.Metadata!.Name, action.Create).ShouldBe(("old-n1", null));
    }

    [Fact]
    public void Build_MarksTheHashOwnsByTheNodeAndDropsTheIdentity()
    {
        var mirror = MirrorPodFactory.Build(Static("etcd-n1", "h1"), "n1", "node-uid");

        mirror.Metadata!.Uid.ShouldBeNull();
        mirror.Metadata.Annotations![ConfigAnnotations.Mirror].ShouldBe("h1");
        mirror.Metadata.Annotations[ConfigAnnotations.Source].ShouldBe(ConfigAnnotations.FileSource);
        mirror.Metadata.Labels!["tier"].ShouldBe("control-plane");
        var owner = mirror.Metadata.OwnerReferences.ShouldHaveSingleItem();
        (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller).ShouldBe(("v1", "Node", "n1", "node-uid", (bool?)true));
        mirror.Spec!.Containers!.Single().Image.ShouldBe("busybox");
        MirrorPodFactory.IsMirrorOf(mirror, Static("etcd-n1", "h1")).ShouldBeTrue();
        MirrorPodFactory.IsMirrorOf(mirror, Static("etcd-n1", "h2")).ShouldBeFalse();
    }
}
