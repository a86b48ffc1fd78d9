using Sharplet.Api;
using Sharplet.IntegrationTests.Infrastructure;
using Sharplet.TestSupport;

namespace Sharplet.IntegrationTests.PodWorkers;

public sealed class InitContainerTests : IAsyncLifetime
{
    private SharpletNode node = null!;

    public async Task InitializeAsync()
    {
        var settings = SharpletNode.DefaultSettings("init");
        settings.FeatureGates["ReduceDefaultCrashLoopBackOffDecay"] = true;
        settings.CrashLoopMaxRestartPeriod = TimeSpan.FromSeconds(2);
        node = await SharpletNode.StartAsync(settings);
    }

    public Task DisposeAsync() => node.DisposeAsync().AsTask();

    [Fact]
    public async Task InitContainers_RunOneAfterAnotherBeforeTheApp()
    {
        node.WriteManifest(new StaticPod("order")
            .Init(WithWork(StaticPod.BusyboxContainer("first", "sh", "-c", "sleep 1; echo first >> /work/order")))
            .Init(WithWork(StaticPod.BusyboxContainer("second", "sh", "-c", "echo second >> /work/order")))
            .Shell("app", "echo app >> /work/order; cat /work/order > /dev/termination-log; exit 0").Mount("work", "/work")
            .RestartPolicy(RestartPolicy.Never)
            .EmptyDir("work"));

        var entry = await node.WaitForAsync("order", "phase Succeeded", e => e.Status.Phase == PodPhase.Succeeded);

        SharpletNode.Container(entry, "app").State!.Terminated!.Message.ShouldBe("first\nsecond\napp\n");
        var initialized = entry.Status.Conditions!.Single(c => c.Type == PodConditionType.Initialized);
        initialized.Status.ShouldBe(ConditionStatus.True);
        SharpletNode.Container(entry, "first").State!.Terminated!.Reason.ShouldBe("Completed");
    }

    [Fact]
    public async Task InitContainerFails_RestartPolicyNever_PodFailsAndAppNeverStarts()
    {
        node.WriteManifest("init-never.yaml", InitFailing("init-never", "Never"));

        var entry = await node.WaitForAsync("init-never", "phase Failed", e => e.Status.Phase == PodPhase.Failed);

        SharpletNode.Container(entry, "setup").State!.Terminated!.ExitCode.ShouldBe(2);
        SharpletNode.Container(entry, "app").State!.Waiting!.Reason.ShouldBe("PodInitializing");
        var initialized = entry.Status.Conditions!.Single(c => c.Type == PodConditionType.Initialized);
        initialized.Status.ShouldBe(ConditionStatus.False);
        initialized.Message.ShouldBe("containers with incomplete status: [setup]");
    }

    [Fact]
    public async Task InitContainerFails_RestartPolicyAlways_InitIsRetriedAndAppWaits()
    {
        node.WriteManifest("init-always.yaml", InitFailing("init-always", "Always"));

        var entry = await node.WaitForAsync("init-always", "setup restarted twice", e => SharpletNode.Container(e, "setup").RestartCount >= 2);

        entry.Status.Phase.ShouldBe(PodPhase.Pending);
        SharpletNode.Container(entry, "app").State!.Waiting!.Reason.ShouldBe("PodInitializing");
        SharpletNode.Container(entry, "app").ContainerID.ShouldBeNull();
    }

    private static StaticPod InitFailing(string name, string policy) =>
        new StaticPod(name).RestartPolicy(policy)
            .Init(StaticPod.BusyboxContainer("setup", "sh", "-c", "exit 2"))
            .Busybox("app", "sleep", "3600");

    private static Container WithWork(Container container)
    {
        container.VolumeMounts = [new VolumeMount { Name = "work", MountPath = "/work" }];
        return container;
    }
}
