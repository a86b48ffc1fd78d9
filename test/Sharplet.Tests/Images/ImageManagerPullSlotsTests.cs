using Sharplet.Api;
using Sharplet.Images;

namespace Sharplet.Tests.Images;

// Upstream's serialized and parallel image pullers: with serializeImagePulls (the default) one pull at a time on the
// node, otherwise up to maxParallelImagePulls at once. Pulls are held open by the gated image service, and each
// check waits on the pull reaching the service rather than on time.
public sealed class ImageManagerPullSlotsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SerializedPulls_ASecondImageWaitsUntilTheFirstPullEnds()
    {
        using var rig = new ImageManagerRig(new ImageManagerOptions { SerializeImagePulls = true }, holdPulls: true);

        var first = rig.EnsureAsync(ImageManagerRig.PodWith("app", PullPolicy.Always));
        await rig.Gated.Entered("registry.example/app:1").WaitAsync(Patience);
        var second = rig.EnsureAsync(ImageManagerRig.PodWith("side", PullPolicy.Always, uid: "uid-2"));

        rig.Gated.HasEntered("registry.example/side:1").ShouldBeFalse("pod uid-2's pull must wait for the pull slot");
        second.IsCompleted.ShouldBeFalse();
        rig.Gated.Release("registry.example/app:1");
        (await first.WaitAsync(Patience)).Ok.ShouldBeTrue();
        await rig.Gated.Entered("registry.example/side:1").WaitAsync(Patience);
        rig.Gated.Release("registry.example/side:1");
        (await second.WaitAsync(Patience)).Ok.ShouldBeTrue();
        rig.Gated.MaxInFlight.ShouldBe(1);
    }

    [Fact]
    public async Task ParallelPulls_UpToTheLimitAtOnce_DifferentImagesDoNotWaitForEachOther()
    {
        using var rig = new ImageManagerRig(new ImageManagerOptions { SerializeImagePulls = false, MaxParallelImagePulls = 2 }, holdPulls: true);

        var a = rig.EnsureAsync(ImageManagerRig.PodWith("a", PullPolicy.Always));
        var b = rig.EnsureAsync(ImageManagerRig.PodWith("b", PullPolicy.Always, uid: "uid-2"));
        await rig.Gated.Entered("registry.example/a:1").WaitAsync(Patience);
        await rig.Gated.Entered("registry.example/b:1").WaitAsync(Patience);
        var c = rig.EnsureAsync(ImageManagerRig.PodWith("c", PullPolicy.Always, uid: "uid-3"));

        rig.Gated.HasEntered("registry.example/c:1").ShouldBeFalse("a third pull waits while two (the limit) are in flight");
        rig.Gated.Release("registry.example/b:1");
        (await b.WaitAsync(Patience)).Ok.ShouldBeTrue("b finished while a is still pulling");
        a.IsCompleted.ShouldBeFalse();
        await rig.Gated.Entered("registry.example/c:1").WaitAsync(Patience);
        rig.Gated.Release("registry.example/a:1");
        rig.Gated.Release("registry.example/c:1");
        (await a.WaitAsync(Patience)).Ok.ShouldBeTrue();
        (await c.WaitAsync(Patience)).Ok.ShouldBeTrue();
        rig.Gated.MaxInFlight.ShouldBe(2);
    }
}
