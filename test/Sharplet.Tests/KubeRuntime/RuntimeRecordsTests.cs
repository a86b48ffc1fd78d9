using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.KubeRuntime;
using Sharplet.TestSupport;
using Sharplet.Util;
using CriApi = Sharplet.Cri.V1;

namespace Sharplet.Tests.KubeRuntime;

public sealed class ContainerHashTests
{
    [Fact]
    public void SameSpec_SameHash_AcrossInstances()
    {
        var a = PodBuilder.NewContainer("a", c => c.Command = ["sleep", "1"]);
        var b = PodBuilder.NewContainer("a", c => c.Command = ["sleep", "1"]);

        ContainerHash.Compute(a).ShouldBe(ContainerHash.Compute(b));
        ContainerHash.Compute(a).ShouldMatch("^[0-9a-f]{1,8}$");
    }

    private static readonly Dictionary<string, Action<Container>> Changes = new(StringComparer.Ordinal)
    {
        ["image"] = c => c.Image = "registry.example/a:2",
        ["command"] = c => c.Command = ["sleep", "2"],
        ["env"] = c => c.Env = [new EnvVar { Name = "X", Value = "1" }],
        ["liveness probe"] = c => c.LivenessProbe = PodBuilder.ExecProbe(),
        ["resources"] = c => c.Resources = new ResourceRequirements { Limits = PodBuilder.Resources(("memory", "1Gi")) },
    };

    [Theory]
    [InlineData("image")]
    [InlineData("command")]
    [InlineData("env")]
    [InlineData("liveness probe")]
    [InlineData("resources")]
    public void AnyFieldChange_ChangesTheHash(string what)
    {
        var before = PodBuilder.NewContainer("a", c => c.Command = ["sleep", "1"]);
        var after = PodBuilder.NewContainer("a", c => c.Command = ["sleep", "1"]);
        Changes[what](after);

        ContainerHash.Compute(after).ShouldNotBe(ContainerHash.Compute(before), what);
    }
}

// CrashLoopBackOff keyed as upstream keys it: pod name, namespace, uid, container name and spec hash.
public sealed class RestartBackoffTests
{
    private readonly FakeTimeProvider time = new(RuntimeBuilder.T0);
    private readonly RestartBackoff backoff;
    private readonly Pod pod = new PodBuilder().Container("a").Container("b").Build();

    public RestartBackoffTests() => backoff = new RestartBackoff(new Backoff(BackoffPolicy.CrashLoopDefault, time));

    private static RuntimeContainer Exited(string name, DateTimeOffset? finished) =>
        new() { Id = name, Name = name, SandboxId = "s", State = RuntimeContainerState.Exited, FinishedAt = finished };

    [Fact]
    public void NoRestartRecorded_NotHeldBack()
    {
        backoff.HeldBack(pod, pod.Spec!.Containers![0], Exited("a", time.GetUtcNow())).ShouldBeNull();
    }

    [Fact]
    public void DelayDoublesPerRestart_UpToFiveMinutes_CountedFromTheFinish()
    {
        var spec = pod.Spec!.Containers![0];
        var expected = new[] { 10, 20, 40, 80, 160, 300, 300 };
        foreach (var seconds in expected)
        {
            backoff.RecordRestart(pod, spec);
            var finished = time.GetUtcNow();

            backoff.HeldBack(pod, spec, Exited("a", finished))
                .ShouldBe(new ContainerBackoffWait("a", finished.AddSeconds(seconds), TimeSpan.FromSeconds(seconds)));
            time.Advance(TimeSpan.FromSeconds(seconds));
            backoff.HeldBack(pod, spec, Exited("a", finished)).ShouldBeNull();
        }
    }

    [Fact]
    public void TenMinutesWithoutACrash_StartsOver()
    {
        var spec = pod.Spec!.Containers![0];
        backoff.RecordRestart(pod, spec);
        backoff.RecordRestart(pod, spec);
        time.Advance(TimeSpan.FromMinutes(11));

        backoff.HeldBack(pod, spec, Exited("a", time.GetUtcNow())).ShouldBeNull();
        backoff.RecordRestart(pod, spec);
        backoff.HeldBack(pod, spec, Exited("a", time.GetUtcNow()))!.Delay.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ContainersAndSpecsAreKeptApart()
    {
        var a = pod.Spec!.Containers![0];
        backoff.RecordRestart(pod, a);

        backoff.HeldBack(pod, pod.Spec.Containers[1], Exited("b", time.GetUtcNow())).ShouldBeNull();
        backoff.HeldBack(pod, PodBuilder.NewContainer("a", c => c.Image = "other:1"), Exited("a", time.GetUtcNow())).ShouldBeNull();
    }

    [Fact]
    public void ExitedWithoutAFinishTime_NotHeldBack()
    {
        backoff.RecordRestart(pod, pod.Spec!.Containers![0]);

        backoff.HeldBack(pod, pod.Spec.Containers[0], Exited("a", null)).ShouldBeNull();
    }

    [Fact]
    public void ForgetPod_DropsOnlyThatPodsEntries()
    {
        var other = new PodBuilder().Meta(m => m.Uid = "uid-2").Container("a").Build();
        backoff.RecordRestart(pod, pod.Spec!.Containers![0]);
        backoff.RecordRestart(other, other.Spec!.Containers![0]);

        backoff.ForgetPod("uid-1");

        backoff.HeldBack(pod, pod.Spec.Containers[0], Exited("a", time.GetUtcNow())).ShouldBeNull();
        backoff.HeldBack(other, other.Spec.Containers[0], Exited("a", time.GetUtcNow())).ShouldNotBeNull();
    }
}

public sealed class CriConvertTests
{
    private static readonly long Nanos = RuntimeBuilder.T0.ToUnixTimeMilliseconds() * 1_000_000;

    [Fact]
    public void ContainerStatus_CarriesStateTimesAndOurAnnotations()
    {
        var status = new CriApi.ContainerStatus
        {
            Id = "c1",
            Metadata = new CriApi.ContainerMetadata { Name = "a", Attempt = 3 },
            State = CriApi.ContainerState.ContainerExited,
            CreatedAt = Nanos,
            StartedAt = Nanos + 1_000_000_000,
            FinishedAt = Nanos + 2_500_000_000,
            ExitCode = 137,
            Reason = "OOMKilled",
            Message = "out of memory",
            Image = new CriApi.ImageSpec { Image = "docker.io/library/nginx:1.27" },
            ImageRef = "docker.io/library/nginx@sha256:abc",
            LogPath = "/var/log/pods/x/a/3.log",
        };
        status.Annotations.Add(KubeLabels.ContainerHash, "1a2b");
        status.Annotations.Add(KubeLabels.ContainerRestartCount, "3");
        status.Annotations.Add(KubeLabels.TerminationMessagePath, "/dev/termination-log");
        status.Annotations.Add(KubeLabels.TerminationMessagePolicy, "FallbackToLogsOnError");
        status.Annotations.Add(KubeLabels.PodTerminationGracePeriod, "45");

        var c = CriConvert.FromStatus(status, "sb");

        c.Id.ShouldBe("c1");
        c.Name.ShouldBe("a");
        c.SandboxId.ShouldBe("sb");
        c.State.ShouldBe(RuntimeContainerState.Exited);
        c.CreatedAt.ShouldBe(RuntimeBuilder.T0);
        c.StartedAt.ShouldBe(RuntimeBuilder.T0.AddSeconds(1));
        c.FinishedAt.ShouldBe(RuntimeBuilder.T0.AddSeconds(2.5));
        c.ExitCode.ShouldBe(137);
        c.Reason.ShouldBe("OOMKilled");
        c.Message.ShouldBe("out of memory");
        c.Image.ShouldBe("docker.io/library/nginx:1.27");
        c.ImageRef.ShouldBe("docker.io/library/nginx@sha256:abc");
        c.Hash.ShouldBe("1a2b");
        c.RestartCount.ShouldBe(3);
        c.LogPath.ShouldBe("/var/log/pods/x/a/3.log");
        c.TerminationMessagePath.ShouldBe("/dev/termination-log");
        c.TerminationMessagePolicy.ShouldBe("FallbackToLogsOnError");
        c.TerminationGracePeriodSeconds.ShouldBe(45);
        c.QualifiedId("containerd").ShouldBe("containerd://c1");
    }

    [Fact]
    public void UnsetTimes_AreNull_AndAMissingNameComesFromTheLabel()
    {
        var status = new CriApi.ContainerStatus { Id = "c1", State = CriApi.ContainerState.ContainerCreated, CreatedAt = Nanos };
        status.Labels.Add(KubeLabels.ContainerName, "from-label");

        var c = CriConvert.FromStatus(status, "sb");

        c.Name.ShouldBe("from-label");
        c.StartedAt.ShouldBeNull();
        c.FinishedAt.ShouldBeNull();
        c.RestartCount.ShouldBe(0);
        c.TerminationGracePeriodSeconds.ShouldBeNull();
    }

    [Theory]
    [InlineData(0, "Created")]
    [InlineData(1, "Running")]
    [InlineData(2, "Exited")]
    [InlineData(3, "Unknown")]
    [InlineData(42, "Unknown")]
    public void State_MapsEveryCriState(int cri, string expected)
    {
        CriConvert.State((CriApi.ContainerState)cri).ToString().ShouldBe(expected);
    }

    [Fact]
    public void SandboxStatus_IpsReadinessAttemptAndNetworkMode()
    {
        var status = new CriApi.PodSandboxStatus
        {
            Id = "sb",
            State = CriApi.PodSandboxState.SandboxReady,
            Metadata = new CriApi.PodSandboxMetadata { Name = "web", Uid = "uid-1", Namespace = "default", Attempt = 2 },
            CreatedAt = Nanos,
            Network = new CriApi.PodSandboxNetworkStatus { Ip = "10.1.0.5", AdditionalIps = { new CriApi.PodIP { Ip = "fd01::5" }, new CriApi.PodIP { Ip = string.Empty } } },
        };

        var sandbox = CriConvert.FromStatus(status);

        sandbox.Ready.ShouldBeTrue();
        sandbox.Attempt.ShouldBe(2u);
        sandbox.CreatedAt.ShouldBe(RuntimeBuilder.T0);
        sandbox.Ip.ShouldBe("10.1.0.5");
        sandbox.Ips.ShouldBe(["10.1.0.5", "fd01::5"]);
        sandbox.HostNetwork.ShouldBeFalse();
    }

    [Fact]
    public void HostNetworkSandbox_HasNoIp()
    {
        var status = new CriApi.PodSandboxStatus
        {
            Id = "sb",
            State = CriApi.PodSandboxState.SandboxNotready,
            Linux = new CriApi.LinuxPodSandboxStatus { Namespaces = new CriApi.Namespace { Options = new CriApi.NamespaceOption { Network = CriApi.NamespaceMode.Node } } },
        };

        var sandbox = CriConvert.FromStatus(status);

        sandbox.Ready.ShouldBeFalse();
        sandbox.HostNetwork.ShouldBeTrue();
        sandbox.Ip.ShouldBeNull();
        sandbox.Ips.ShouldBeEmpty();
    }
}

// Grouping the runtime's list by pod UID label, newest first.
public sealed class RuntimeSnapshotTests
{
    private static readonly long Nanos = RuntimeBuilder.T0.ToUnixTimeMilliseconds() * 1_000_000;

    private static CriApi.PodSandbox Sandbox(string id, string? uid, long createdSeconds, bool ready = true, string? node = null)
    {
        var sandbox = new CriApi.PodSandbox
        {
            Id = id,
            State = ready ? CriApi.PodSandboxState.SandboxReady : CriApi.PodSandboxState.SandboxNotready,
            CreatedAt = Nanos + (createdSeconds * 1_000_000_000),
            Metadata = new CriApi.PodSandboxMetadata { Attempt = (uint)createdSeconds },
        };
        if (uid is not null)
        {
            sandbox.Labels.Add(KubeLabels.PodUid, uid);
            sandbox.Labels.Add(KubeLabels.PodName, "web");
            sandbox.Labels.Add(KubeLabels.PodNamespace, "default");
        }

        if (node is not null)
        {
            sandbox.Labels.Add(KubeLabels.NodeName, node);
        }

        return sandbox;
    }

    private static CriApi.Container Container(string id, string? uid, string name, long createdSeconds, CriApi.ContainerState state = CriApi.ContainerState.ContainerRunning)
    {
        var container = new CriApi.Container
        {
            Id = id,
            PodSandboxId = "sb",
            Metadata = new CriApi.ContainerMetadata { Name = name },
            State = state,
            CreatedAt = Nanos + (createdSeconds * 1_000_000_000),
        };
        if (uid is not null)
        {
            container.Labels.Add(KubeLabels.PodUid, uid);
            container.Labels.Add(KubeLabels.PodName, "orphan");
            container.Labels.Add(KubeLabels.PodNamespace, "ns");
        }

        container.Annotations.Add(KubeLabels.ContainerRestartCount, "2");
        return container;
    }

    [Fact]
    public void GroupsByPodUid_NewestFirst_IgnoringUnlabelled()
    {
        var snapshot = RuntimeSnapshot.From(
            [Sandbox("old", "u1", 1, ready: false), Sandbox("new", "u1", 5, node: "node-1"), Sandbox("foreign", null, 2)],
            [Container("c-old", "u1", "a", 2, CriApi.ContainerState.ContainerExited), Container("c-new", "u1", "a", 6), Container("x", null, "x", 3)],
            RuntimeBuilder.T0.AddMinutes(1));

        snapshot.ObservedAt.ShouldBe(RuntimeBuilder.T0.AddMinutes(1));
        snapshot.Pods.Keys.ShouldBe(["u1"]);
        var pod = snapshot.Pods["u1"];
        pod.Name.ShouldBe("web");
        pod.Namespace.ShouldBe("default");
        pod.NodeName.ShouldBe("node-1");
        pod.Sandboxes.Select(s => s.Id).ShouldBe(["new", "old"]);
        pod.Containers.Select(c => c.Id).ShouldBe(["c-new", "c-old"]);
        pod.Containers[0].RestartCount.ShouldBe(2);
        pod.HasRunning.ShouldBeTrue();
    }

    [Fact]
    public void ContainersWithoutASandbox_StillMakeAPod()
    {
        var snapshot = RuntimeSnapshot.From([], [Container("c", "u2", "a", 1, CriApi.ContainerState.ContainerExited)], RuntimeBuilder.T0);

        var pod = snapshot.Pods["u2"];
        pod.Name.ShouldBe("orphan");
        pod.Namespace.ShouldBe("ns");
        pod.Sandboxes.ShouldBeEmpty();
        pod.NodeName.ShouldBeNull();
        pod.HasRunning.ShouldBeFalse();
    }
}
