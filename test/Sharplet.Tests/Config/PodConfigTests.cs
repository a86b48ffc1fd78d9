using Sharplet.Api;
using Sharplet.Config;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Config;

// upstream PodConfig merging: each source's full set becomes Add/Update/Remove.
public sealed class PodConfigTests
{
    private readonly PodConfig config = new(["file", "api"]);

    private static Pod Pod(string uid, string image = "busybox:1", Action<Pod>? configure = null)
    {
        var pod = new PodBuilder().Meta(m =>
        {
            m.Uid = uid;
            m.Name = uid;
            m.Annotations = new Dictionary<string, string> { ["kubernetes.io/config.seen"] = "2025-01-01T00:00:00Z" };
        }).Container("c", c => c.Image = image).Build();
        configure?.Invoke(pod);
        return pod;
    }

    private List<(PodOperation, string, string)> Drain()
    {
        var seen = new List<(PodOperation, string, string)>();
        while (config.Changes.TryRead(out var change))
        {
            seen.Add((change.Operation, change.Pod.Metadata!.Uid!, change.Source));
        }

        return seen;
    }

    [Fact]
    public void NewPods_AreAdds()
    {
        config.Set("file", [Pod("a"), Pod("b")]);

        Drain().ShouldBe([(PodOperation.Add, "a", "file"), (PodOperation.Add, "b", "file")]);
        config.Pods().Select(p => p.Metadata!.Uid).ShouldBe(["a", "b"], ignoreOrder: true);
    }

    [Fact]
    public void SameSetAgain_NoChange()
    {
        config.Set("file", [Pod("a")]);
        Drain();

        config.Set("file", [Pod("a")]);

        Drain().ShouldBeEmpty();
    }

    [Fact]
    public void MissingPod_IsARemove_OfTheOldObject()
    {
        var a = Pod("a");
        config.Set("file", [a, Pod("b")]);
        Drain();

        config.Set("file", [Pod("b")]);

        Drain().ShouldBe([(PodOperation.Remove, "a", "file")]);
        config.Pods().Select(p => p.Metadata!.Uid).ShouldBe(["b"]);
    }

    private static readonly Dictionary<string, Action<Pod>> Changes = new(StringComparer.Ordinal)
    {
        ["spec"] = p => p.Spec!.Containers![0].Image = "busybox:2",
        ["label"] = p => p.Metadata!.Labels = new Dictionary<string, string> { ["tier"] = "web" },
        ["annotation"] = p => p.Metadata!.Annotations!["example.com/x"] = "1",
        ["deletion"] = p => p.Metadata!.DeletionTimestamp = new DateTimeOffset(2025, 1, 2, 0, 0, 0, TimeSpan.Zero),
        ["grace period"] = p => p.Metadata!.DeletionGracePeriodSeconds = 5,
        ["status"] = p => p.Status = new PodStatus { Phase = PodPhase.Running },
        ["resource version"] = p => p.Metadata!.ResourceVersion = "42",
        ["config.seen"] = p => p.Metadata!.Annotations!["kubernetes.io/config.seen"] = "2025-02-02T00:00:00Z",
    };

    [Theory]
    [InlineData("spec")]
    [InlineData("label")]
    [InlineData("annotation")]
    [InlineData("deletion")]
    [InlineData("grace period")]
    public void WhatTheKubeletActsOnChanged_IsAnUpdate(string what)
    {
        config.Set("api", [Pod("a")]);
        Drain();

        config.Set("api", [Pod("a", configure: Changes[what])]);

        Drain().ShouldBe([(PodOperation.Update, "a", "api")], what);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("resource version")]
    [InlineData("config.seen")]
    public void OnlyStatusOrBookkeepingChanged_IsNotAnUpdate(string what)
    {
        config.Set("api", [Pod("a")]);
        Drain();

        config.Set("api", [Pod("a", configure: Changes[what])]);

        Drain().ShouldBeEmpty(what);
    }

    [Fact]
    public void Sources_AreKeptApart()
    {
        config.Set("file", [Pod("a")]);
        config.Set("api", [Pod("b")]);
        Drain();

        config.Set("api", []);

        Drain().ShouldBe([(PodOperation.Remove, "b", "api")]);
        config.Pods().Select(p => p.Metadata!.Uid).ShouldBe(["a"]);
    }

    [Fact]
    public void AllSourcesReady_OnceEveryExpectedSourceReported()
    {
        config.AllSourcesReady.ShouldBeFalse();

        config.Set("file", []);
        config.AllSourcesReady.ShouldBeFalse();

        config.Set("other", []);
        config.AllSourcesReady.ShouldBeFalse();

        config.Set("api", []);
        config.AllSourcesReady.ShouldBeTrue();
    }
}
