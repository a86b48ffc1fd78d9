using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.Pods;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.ConnectedPods;

// A static pod shows in the API as its mirror pod, which the node keeps there.
public sealed class MirrorPodTests : IAsyncLifetime
{
    private ConnectedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ConnectedCluster.StartAsync("mirror");

    public Task DisposeAsync() => cluster.DisposeAsync().AsTask();

    private StaticPod Manifest(string name, string? app = null) =>
        new StaticPod(name).Namespace(cluster.Namespace).Label("app", app ?? name).Busybox("c", "sleep", "3600");

    [Fact]
    public async Task StaticPod_GetsMirrorPodWithItsStatus_RecreatedAfterDeletion_RemovedWithTheManifest()
    {
        var ns = cluster.Namespace;
        var name = cluster.Node.PodName("static");
        cluster.Node.WriteManifest("static.yaml", Manifest("static"));
        var local = await cluster.Node.WaitForAsync("static", "running", e => e.Status.Phase == PodPhase.Running);
        var staticUid = local.Pod.Metadata!.Uid!;

        var (_, mirror) = await cluster.Watch.WaitForAsync(ns, name, "mirror pod Running", p =>
            p?.Status?.Phase == PodPhase.Running && ConnectedCluster.Container(p)?.State?.Running is not null);
        mirror!.Metadata!.Annotations![ConfigAnnotations.Mirror].ShouldBe(staticUid);
        mirror.Metadata.Labels!["app"].ShouldBe("static");
        var owner = mirror.Metadata.OwnerReferences.ShouldHaveSingleItem();
        (owner.Kind, owner.Name, owner.Controller).ShouldBe(("Node", cluster.NodeName, (bool?)true));
        var containerId = ConnectedCluster.Container(mirror)!.ContainerID;

        // An operator deletes the mirror pod (gracefully, as kubectl does): the node replaces it at once,
        // and the static pod itself keeps running untouched.
        await cluster.Admin.DeleteAsync(KubeResources.Pods, ns, name, null, CancellationToken.None);
        var (_, again) = await cluster.Watch.WaitForAsync(ns, name, "a new mirror pod Running", p =>
            p is not null && p.Metadata!.Uid != mirror.Metadata.Uid && p.Metadata.DeletionTimestamp is null
            && ConnectedCluster.Container(p)?.State?.Running is not null, TimeSpan.FromSeconds(30));
        ConnectedCluster.Container(again)!.ContainerID.ShouldBe(containerId);
        ConnectedCluster.Container(again)!.RestartCount.ShouldBe(0);

        cluster.Node.DeleteManifest("static.yaml");
        await cluster.Watch.WaitForAsync(ns, name, "mirror pod removed with its manifest", p => p is null, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task ChangedManifest_ReplacesTheMirrorPodWithOneOfTheNewHash()
    {
        var ns = cluster.Namespace;
        var name = cluster.Node.PodName("edited");
        cluster.Node.WriteManifest("edited.yaml", Manifest("edited"));
        var (_, first) = await cluster.Watch.WaitForAsync(ns, name, "mirror pod", p => p is not null);

        cluster.Node.WriteManifest("edited.yaml", Manifest("edited", app: "edited-v2"));

        var (_, second) = await cluster.Watch.WaitForAsync(ns, name, "mirror pod of the edited manifest", p =>
            p?.Metadata?.Labels?.GetValueOrDefault("app") == "edited-v2" && p.Metadata.DeletionTimestamp is null, TimeSpan.FromSeconds(60));
        second!.Metadata!.Annotations![ConfigAnnotations.Mirror].ShouldNotBe(first!.Metadata!.Annotations![ConfigAnnotations.Mirror]);
        second.Metadata.Uid.ShouldNotBe(first.Metadata.Uid);
    }
}
