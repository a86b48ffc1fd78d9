using Grpc.Core;
using Sharplet.Api;
using Sharplet.Images;
using Sharplet.KubeContainer;
using Sharplet.PodWorkers;
using Sharplet.TestSupport;
using Status = Grpc.Core.Status;

namespace Sharplet.Tests.PodWorkers;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit's IAsyncLifetime.DisposeAsync disposes the rig")]
// A step that fails in one pass (sandbox, pod cgroup, image, container config, CreateContainer) never throws out
// of the pass: the container shows upstream's waiting reason with the cause, the other containers go on, and the
// pass asks to be retried soon (the image's back-off, else the error requeue).
public sealed class PodSyncerErrorTests : IAsyncLifetime
{
    private readonly PodSyncerRig rig = PodSyncerRig.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => rig.DisposeAsync().AsTask();

    private TimeSpan ErrorRequeue => rig.Core.Get<PodSyncOptions>().ErrorRequeue;

    [Fact]
    public async Task CreateContainerFails_ContainerWaitsWithCreateContainerError_OthersStart_RetriedAfterTheErrorRequeue()
    {
        var pod = new PodBuilder().Container("app").Build();
        rig.Runtime.FailNext("CreateContainer", new RpcException(new Status(StatusCode.Unknown, "no space left on device")));

        var outcome = await rig.SyncAsync(pod);

        outcome.Terminal.ShouldBeFalse();
        outcome.RequeueAfter.ShouldBe(ErrorRequeue);
        var waiting = rig.StatusOf("app").State!.Waiting!;
        waiting.Reason.ShouldBe(StartReasons.CreateContainerError);
        waiting.Message.ShouldBe("no space left on device");

        await rig.SyncAsync(pod);
        rig.Running("app").ShouldNotBeNull("the retry creates the container once the runtime works again");
        rig.StatusOf("app").State!.Waiting.ShouldBeNull();
    }

    [Fact]
    public async Task OneContainerFailsToCreate_TheOtherContainersOfThePodStillStart()
    {
        var pod = new PodBuilder().Container("app").Build();
        pod.Spec!.Containers!.Insert(0, PodBuilder.NewContainer("broken", c => c.VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }]));

        await rig.SyncAsync(pod);

        rig.Running("app").ShouldNotBeNull();
        rig.StatusOf("broken").State!.Waiting!.Reason.ShouldBe(StartReasons.CreateContainerConfigError);
    }

    [Fact]
    public async Task ContainerConfigError_IsReportedNamingTheContainerAndNothingIsCreated()
    {
        var pod = new PodBuilder().Container("app", c => c.VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }]).Build();

        var outcome = await rig.SyncAsync(pod);

        var waiting = rig.StatusOf("app").State!.Waiting!;
        waiting.Reason.ShouldBe(StartReasons.CreateContainerConfigError);
        waiting.Message.ShouldBe("cannot find volume \"data\" to mount into container \"app\"");
        rig.Runtime.CountOf("CreateContainer").ShouldBe(0);
        outcome.RequeueAfter.ShouldBe(ErrorRequeue);
    }

    [Fact]
    public async Task ImagePullFails_ErrImagePullNamingTheImage_ThenImagePullBackOffUntilTheBackoffEnds()
    {
        var pod = new PodBuilder().Container("app").Build();
        rig.Core.Images.FailNextPull("registry.example/app:1", new RpcException(new Status(StatusCode.NotFound, "registry.example/app:1: not found")));

        var failed = await rig.SyncAsync(pod);

        var waiting = rig.StatusOf("app").State!.Waiting!;
        waiting.Reason.ShouldBe(ImageReasons.ErrImagePull);
        waiting.Message.ShouldBe("Failed to pull image \"registry.example/app:1\": registry.example/app:1: not found");
        failed.RequeueAfter.ShouldBe(TimeSpan.FromSeconds(10), "the worker comes back when the image's 10 s back-off ends");

        var pulls = rig.Core.Images.Pulls;
        await rig.SyncAsync(pod);
        rig.StatusOf("app").State!.Waiting!.Reason.ShouldBe(ImageReasons.ImagePullBackOff);
        rig.Core.Images.Pulls.ShouldBe(pulls, "no pull while the image is backing off");

        rig.Core.Time.Advance(TimeSpan.FromSeconds(10));
        await rig.SyncAsync(pod);
        rig.Running("app").ShouldNotBeNull();
    }

    [Fact]
    public async Task SandboxCreationFails_NoContainerIsCreated_AndThePassIsRetriedSoon()
    {
        var pod = new PodBuilder().Container("app").Build();
        rig.Runtime.FailNext("RunPodSandbox", new RpcException(new Status(StatusCode.Unknown, "cni plugin not initialized")));

        var outcome = await rig.SyncAsync(pod);

        outcome.Terminal.ShouldBeFalse();
        outcome.RequeueAfter.ShouldBe(ErrorRequeue);
        rig.Runtime.CountOf("CreateContainer").ShouldBe(0);
        rig.Status.Phase.ShouldBe(PodPhase.Pending);

        await rig.SyncAsync(pod);
        rig.Running("app").ShouldNotBeNull();
    }

    // Upstream SyncPod ensures the pod's cgroup before the sandbox: a pod whose cgroup cannot be made (here a
    // memory limit below what a container can start in) gets no sandbox and is retried, and stays Pending.
    [Fact]
    public async Task PodCgroupRefused_NoSandboxIsCreated_AndThePassIsRetriedSoon()
    {
        var pod = new PodBuilder().Container("app", c => c.Resources = new ResourceRequirements { Limits = PodBuilder.Resources(("memory", "1Mi")) }).Build();

        var outcome = await rig.SyncAsync(pod);

        outcome.Terminal.ShouldBeFalse();
        outcome.RequeueAfter.ShouldBe(ErrorRequeue);
        rig.Runtime.CountOf("RunPodSandbox").ShouldBe(0);
        rig.Status.Phase.ShouldBe(PodPhase.Pending);
    }
}
