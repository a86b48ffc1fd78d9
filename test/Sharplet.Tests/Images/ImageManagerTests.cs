using Grpc.Core;
using Sharplet.Api;
using Sharplet.Api.Defaulting;
using Sharplet.Events;
using Sharplet.Images;
using Status = Grpc.Core.Status;

namespace Sharplet.Tests.Images;

// Upstream imageManager.EnsureImageExists: imagePullPolicy decides whether the runtime is asked to pull, and each
// outcome has upstream's waiting reason, message and event (naming the image and the container's field path).
public sealed class ImageManagerTests : IDisposable
{
    private const string App = "registry.example/app:1";

    private readonly ImageManagerRig rig = new();

    public void Dispose() => rig.Dispose();

    [Fact]
    public async Task PullPolicyAlways_ImagePresent_PullsAnyway()
    {
        rig.Images.Add(App, 1);

        var result = await rig.EnsureAsync(ImageManagerRig.PodWith("app", PullPolicy.Always));

        result.Ok.ShouldBeTrue();
        result.ImageRef.ShouldBe($"sha256:{App}");
        rig.Images.Pulls.ShouldBe(1);
        rig.Events.Events.Select(e => e.Reason).ShouldBe([EventReasons.Pulling, EventReasons.Pulled]);
        rig.Events.Events[0].Message.ShouldBe($"Pulling image \"{App}\"");
        rig.Events.Events[1].Message.ShouldStartWith($"Successfully pulled image \"{App}\" in ");
        rig.Events.Events.ShouldAllBe(e => e.FieldPath == "spec.containers{app}");
    }

    [Fact]
    public async Task PullPolicyIfNotPresent_ImagePresent_UsesItWithoutPulling()
    {
        rig.Images.Add(App, 1);

        var result = await rig.EnsureAsync(ImageManagerRig.PodWith("app", PullPolicy.IfNotPresent));

        result.Ok.ShouldBeTrue();
        result.ImageRef.ShouldBe($"sha256:{App}");
        rig.Images.Pulls.ShouldBe(0);
        rig.Events.Events.ShouldHaveSingleItem().ShouldBe(new RecordedEvent("web", EventTypes.Normal, EventReasons.Pulled,
            $"Container image \"{App}\" already present on machine", "spec.containers{app}"));
    }

    [Fact]
    public async Task PullPolicyIfNotPresent_ImageMissing_Pulls()
    {
        var result = await rig.EnsureAsync(ImageManagerRig.PodWith("app", PullPolicy.IfNotPresent));

        result.Ok.ShouldBeTrue();
        rig.Images.Pulls.ShouldBe(1);
    }

    [Fact]
    public async Task PullPolicyNever_ImageMissing_ErrImageNeverPullAndNoPull()
    {
        var result = await rig.EnsureAsync(ImageManagerRig.PodWith("app", PullPolicy.Never));

        result.Reason.ShouldBe(ImageReasons.ErrImageNeverPull);
        result.Message.ShouldBe($"Container image \"{App}\" is not present with pull policy of Never");
        rig.Images.Pulls.ShouldBe(0);
        rig.Events.Events.ShouldHaveSingleItem().ShouldBe(new RecordedEvent("web", EventTypes.Warning, EventReasons.ErrImageNeverPull, result.Message!, "spec.containers{app}"));
    }

    [Fact]
    public async Task PullPolicyNever_ImagePresent_UsesIt()
    {
        rig.Images.Add(App, 1);

        var result = await rig.EnsureAsync(ImageManagerRig.PodWith("app", PullPolicy.Never));

        result.Ok.ShouldBeTrue();
        rig.Images.Pulls.ShouldBe(0);
    }

    // The API's default pull policy (SetDefaults_Container): Always for an untagged or :latest image, IfNotPresent
    // otherwise; the manager then asks for the image with the default tag made explicit.
    [Theory]
    [InlineData("registry.example/tool", "registry.example/tool:latest", 1)]
    [InlineData("registry.example/tool:latest", "registry.example/tool:latest", 1)]
    [InlineData("registry.example/tool:1.2", "registry.example/tool:1.2", 0)]
    [InlineData("registry.example/tool@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "registry.example/tool@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 0)]
    public async Task DefaultPullPolicy_LatestOrUntaggedIsPulledEvenWhenPresent(string image, string asked, int pulls)
    {
        rig.Images.Add(asked, 1);
        var pod = ImageManagerRig.PodWith("tool", image: image);
        ContainerDefaults.Apply(pod.Spec!.Containers![0]);

        var result = await rig.EnsureAsync(pod);

        result.Ok.ShouldBeTrue();
        result.ImageRef.ShouldBe($"sha256:{asked}", "the image is looked up and pulled with its default tag");
        rig.Images.Pulls.ShouldBe(pulls, $"image {image} with pull policy {pod.Spec.Containers[0].ImagePullPolicy}");
    }

    [Fact]
    public async Task InvalidImageName_IsRefusedWithoutAskingTheRuntime()
    {
        var result = await rig.EnsureAsync(ImageManagerRig.PodWith("app", PullPolicy.Always, image: "Registry.Example/App:1"));

        result.Reason.ShouldBe(ImageReasons.InvalidImageName);
        result.Message.ShouldBe("Failed to apply default image tag \"Registry.Example/App:1\": couldn't parse image name \"Registry.Example/App:1\": invalid reference format");
        rig.Images.Pulls.ShouldBe(0);
        rig.Events.Events.ShouldHaveSingleItem().Reason.ShouldBe(ImageReasons.InvalidImageName);
    }

    [Fact]
    public async Task PullFails_ErrImagePullWithAMessageNamingTheImage()
    {
        rig.Images.FailNextPull(App, new RpcException(new Status(StatusCode.NotFound, "failed to resolve reference: not found")));

        var result = await rig.EnsureAsync(ImageManagerRig.PodWith("app", PullPolicy.Always));

        result.Reason.ShouldBe(ImageReasons.ErrImagePull);
        result.Message.ShouldBe($"Failed to pull image \"{App}\": failed to resolve reference: not found");
        rig.Events.Events[^1].ShouldBe(new RecordedEvent("web", EventTypes.Warning, EventReasons.Failed, result.Message!, "spec.containers{app}"));
    }

    // Upstream GenerateContainerRef: the events about an init container's image name it under spec.initContainers
    // (they named spec.containers{init} before, which kubectl describe attributes to no container).
    [Fact]
    public async Task InitContainerImage_EventsNameTheInitContainersFieldPath()
    {
        var pod = new Sharplet.TestSupport.PodBuilder().Init("setup", c => c.ImagePullPolicy = PullPolicy.Always).Container("app").Build();

        await rig.EnsureAsync(pod, "setup");

        rig.Events.Events.Count.ShouldBe(2);
        rig.Events.Events.ShouldAllBe(e => e.FieldPath == "spec.initContainers{setup}");
    }

    [Fact]
    public async Task ImageStatusFails_ImageInspectErrorAndNoPull()
    {
        rig.Gated.StatusFailure = new RpcException(new Status(StatusCode.Unavailable, "connection refused"));

        var result = await rig.EnsureAsync(ImageManagerRig.PodWith("app", PullPolicy.Always));

        result.Reason.ShouldBe(ImageReasons.ErrImageInspect);
        result.Message.ShouldBe($"Failed to inspect image \"{App}\": connection refused");
        rig.Images.Pulls.ShouldBe(0);
    }
}
