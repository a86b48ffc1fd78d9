using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Tests.KubeClient;

public sealed class InformerStoreTests
{
    private readonly InformerStore<Pod> store = new(p => p.Metadata);

    private static Pod Pod(string name, string uid, string rv, string ns = "default") =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = ns, Uid = uid, ResourceVersion = rv } };

    private static string[] Describe(IEnumerable<InformerEvent<Pod>> events) =>
        events.Select(e => $"{e.Type} {e.Object!.Metadata!.Name}@{e.Object.Metadata.ResourceVersion}").ToArray();

    [Fact]
    public void Replace_IntoEmptyStore_AddsEverything()
    {
        Describe(store.Replace([Pod("a", "u1", "1"), Pod("b", "u2", "2")])).ShouldBe(["Added a@1", "Added b@2"]);
        store.Count.ShouldBe(2);
    }

    [Fact]
    public void Replace_AfterReconnect_EmitsOnlyTheDifference()
    {
        store.Replace([Pod("same", "u1", "1"), Pod("changed", "u2", "2"), Pod("vanished", "u3", "3")]);

        var events = store.Replace([Pod("same", "u1", "1"), Pod("changed", "u2", "7"), Pod("new", "u4", "8")]);

        Describe(events).ShouldBe(["Modified changed@7", "Added new@8", "Deleted vanished@3"]);
        store.Get("default", "vanished").ShouldBeNull();
        store.Get("default", "changed")!.Metadata!.ResourceVersion.ShouldBe("7");
    }

    [Fact]
    public void Replace_NameReusedByANewObject_DeletesTheOldThenAddsTheNew()
    {
        store.Replace([Pod("web", "old-uid", "1")]);

        var events = store.Replace([Pod("web", "new-uid", "5")]);

        Describe(events).ShouldBe(["Deleted web@1", "Added web@5"]);
        events[0].Object!.Metadata!.Uid.ShouldBe("old-uid");
    }

    [Fact]
    public void Replace_WithEmptyList_DeletesEverythingKnown()
    {
        store.Replace([Pod("a", "u1", "1"), Pod("b", "u2", "1", ns: "other")]);

        Describe(store.Replace([])).ShouldBe(["Deleted a@1", "Deleted b@1"], ignoreOrder: true);
        store.Count.ShouldBe(0);
    }

    [Fact]
    public void Apply_SameNameInTwoNamespaces_AreDistinctObjects()
    {
        store.Apply(WatchEventType.Added, Pod("a", "u1", "1", ns: "x"));
        store.Apply(WatchEventType.Added, Pod("a", "u2", "2", ns: "y"));

        store.Count.ShouldBe(2);
        store.Get("y", "a")!.Metadata!.Uid.ShouldBe("u2");
    }

    [Fact]
    public void Apply_AddedModifiedDeleted_PassThrough()
    {
        Describe(store.Apply(WatchEventType.Added, Pod("a", "u1", "1"))).ShouldBe(["Added a@1"]);
        Describe(store.Apply(WatchEventType.Modified, Pod("a", "u1", "2"))).ShouldBe(["Modified a@2"]);
        Describe(store.Apply(WatchEventType.Deleted, Pod("a", "u1", "3"))).ShouldBe(["Deleted a@3"]);
        store.Count.ShouldBe(0);
    }

    [Fact]
    public void Apply_DuplicateEventWithTheSameResourceVersion_IsDropped()
    {
        store.Apply(WatchEventType.Added, Pod("a", "u1", "1"));

        store.Apply(WatchEventType.Added, Pod("a", "u1", "1")).ShouldBeEmpty();
        store.Apply(WatchEventType.Modified, Pod("a", "u1", "1")).ShouldBeEmpty();
    }

    [Fact]
    public void Apply_AddedForAKnownObject_IsAModification()
    {
        store.Apply(WatchEventType.Added, Pod("a", "u1", "1"));

        Describe(store.Apply(WatchEventType.Added, Pod("a", "u1", "2"))).ShouldBe(["Modified a@2"]);
    }

    [Fact]
    public void Apply_DeleteOfAnUnknownObject_IsDropped()
    {
        store.Apply(WatchEventType.Deleted, Pod("ghost", "u9", "4")).ShouldBeEmpty();
    }

    [Fact]
    public void Apply_ObjectWithoutName_IsRejected()
    {
        Should.Throw<ArgumentException>(() => store.Apply(WatchEventType.Added, new Pod { Metadata = new ObjectMeta() }));
    }

    [Fact]
    public void Key_ClusterScoped_IsTheName()
    {
        InformerStore<Pod>.Key(null, "node-1").ShouldBe("node-1");
        InformerStore<Pod>.Key("ns", "p").ShouldBe("ns/p");
    }
}
