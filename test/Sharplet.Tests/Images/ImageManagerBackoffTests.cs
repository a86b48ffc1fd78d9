using Grpc.Core;
using Sharplet.Api;
using Sharplet.Images;
using Status = Grpc.Core.Status;

namespace Sharplet.Tests.Images;

// Upstream's image pull back-off (flowcontrol.Backoff keyed by pod UID and image): after a failed pull the image is
// not pulled again for that pod until the delay passed (ImagePullBackOff meanwhile), the delay doubling from 10 s
// to 300 s; a successful pull clears it.
public sealed class ImageManagerBackoffTests : IDisposable
{
    private const string App = "registry.example/app:1";

    private static readonly RpcException Unreachable = new(new Status(StatusCode.Unavailable, "dial tcp 10.0.0.9:443: connect: connection refused"));

    // Upstream's image back-off: 10 s, doubled after each further failure, capped at 300 s.
    private static readonly TimeSpan[] Doubling = [.. new[] { 10, 20, 40, 80, 160, 300, 300 }.Select(s => TimeSpan.FromSeconds(s))];

    private readonly ImageManagerRig rig = new();

    public void Dispose() => rig.Dispose();

    [Fact]
    public async Task FailedPulls_BackOffDoublingFrom10sTo300s()
    {
        var pod = ImageManagerRig.PodWith("app", PullPolicy.Always);
        foreach (var delay in Doubling)
        {
            rig.Images.FailNextPull(App, Unreachable);
            var pulls = rig.Images.Pulls;
            (await rig.EnsureAsync(pod)).Reason.ShouldBe(ImageReasons.ErrImagePull);
            rig.Images.Pulls.ShouldBe(pulls + 1);
            rig.Manager.BackoffRemaining(pod, App).ShouldBe(delay);

            // Just before the delay has passed: still backing off, and the runtime is not asked.
            rig.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
            var held = await rig.EnsureAsync(pod);
            held.Reason.ShouldBe(ImageReasons.ImagePullBackOff, $"{delay} after the failure minus 1 ms");
            held.Message.ShouldBe($"Back-off pulling image \"{App}\"");
            rig.Images.Pulls.ShouldBe(pulls + 1);
            rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        rig.Events.Events.Where(e => e.Reason == "BackOff").ShouldAllBe(e => e.Type == "Normal" && e.FieldPath == "spec.containers{app}");
    }

    [Fact]
    public async Task PullSucceedsAfterTheBackoff_ClearsIt_TheNextFailureStartsOverAt10s()
    {
        var pod = ImageManagerRig.PodWith("app", PullPolicy.Always);
        rig.Images.FailNextPull(App, Unreachable);
        await rig.EnsureAsync(pod);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        rig.Images.FailNextPull(App, Unreachable);
        await rig.EnsureAsync(pod);
        rig.Manager.BackoffRemaining(pod, App).ShouldBe(TimeSpan.FromSeconds(20));
        rig.Time.Advance(TimeSpan.FromSeconds(20));

        var result = await rig.EnsureAsync(pod);

        result.Ok.ShouldBeTrue();
        rig.Manager.BackoffRemaining(pod, App).ShouldBeNull("a successful pull clears the back-off");
        (await rig.EnsureAsync(pod)).Ok.ShouldBeTrue("the next pull goes ahead at once");
        rig.Images.FailNextPull(App, Unreachable);
        await rig.EnsureAsync(pod);
        rig.Manager.BackoffRemaining(pod, App).ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Backoff_IsPerPodAndImage()
    {
        var pod = new Sharplet.TestSupport.PodBuilder().Container("app", c => c.ImagePullPolicy = PullPolicy.Always)
            .Container("side", c => c.ImagePullPolicy = PullPolicy.Always).Build();
        var other = ImageManagerRig.PodWith("app", PullPolicy.Always, uid: "uid-2");
        rig.Images.FailNextPull(App, Unreachable);
        await rig.EnsureAsync(pod, "app");

        (await rig.EnsureAsync(pod, "app")).Reason.ShouldBe(ImageReasons.ImagePullBackOff);
        (await rig.EnsureAsync(pod, "side")).Ok.ShouldBeTrue("another image of the same pod is not held back");
        (await rig.EnsureAsync(other)).Ok.ShouldBeTrue("the same image for another pod is not held back");
    }

    [Fact]
    public async Task ForgetPod_DropsThatPodsBackoffs()
    {
        var pod = ImageManagerRig.PodWith("app", PullPolicy.Always);
        rig.Images.FailNextPull(App, Unreachable);
        await rig.EnsureAsync(pod);

        rig.Manager.ForgetPod("uid-1");

        rig.Manager.BackoffRemaining(pod, App).ShouldBeNull();
        (await rig.EnsureAsync(pod)).Ok.ShouldBeTrue();
    }
}
