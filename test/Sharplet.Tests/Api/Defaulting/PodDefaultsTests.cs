using Sharplet.Api;
using Sharplet.Api.Defaulting;
using Sharplet.Tests.Api.Validation;

namespace Sharplet.Tests.Api.Defaulting;

public class PodDefaultsTests
{
    private const string Sha = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Fact]
    public void Apply_EmptySpec_SetsUpstreamPodSpecDefaults()
    {
        var pod = new Pod { Spec = new PodSpec() };

        PodDefaults.Apply(pod);

        var spec = pod.Spec;
        spec.RestartPolicy.ShouldBe("Always");
        spec.DnsPolicy.ShouldBe("ClusterFirst");
        spec.TerminationGracePeriodSeconds.ShouldBe(30);
        spec.SchedulerName.ShouldBe("default-scheduler");
        spec.SecurityContext.ShouldNotBeNull();
        spec.EnableServiceLinks.ShouldBe(true);
    }

    [Fact]
    public void Apply_NoSpec_CreatesOne() => Defaulted(new Pod()).Spec.ShouldNotBeNull();

    [Fact]
    public void Apply_SetFields_AreKept()
    {
        var pod = new Pod
        {
            Spec = new PodSpec
            {
                RestartPolicy = "Never", DnsPolicy = "Default", TerminationGracePeriodSeconds = 0, SchedulerName = "mine",
                EnableServiceLinks = false,
            },
        };

        var spec = Defaulted(pod).Spec!;

        spec.RestartPolicy.ShouldBe("Never");
        spec.DnsPolicy.ShouldBe("Default");
        spec.TerminationGracePeriodSeconds.ShouldBe(0);
        spec.SchedulerName.ShouldBe("mine");
        spec.EnableServiceLinks.ShouldBe(false);
    }

    [Theory]
    [InlineData("busybox", "Always")]
    [InlineData("busybox:latest", "Always")]
    [InlineData("busybox:1.36", "IfNotPresent")]
    [InlineData("busybox@" + Sha, "IfNotPresent")]
    [InlineData("busybox:latest@" + Sha, "Always")]
    [InlineData("127.0.0.1:5000/busybox", "Always")]
    [InlineData("127.0.0.1:5000/busybox:1.0", "IfNotPresent")]
    [InlineData("registry.local:5000/team/app:latest", "Always")]
    [InlineData("NOT A REFERENCE", "IfNotPresent")]
    [InlineData("", "IfNotPresent")]
    public void Apply_ImagePullPolicy_FollowsTheImageTag(string image, string expected) =>
        DefaultedContainer(new Container { Name = "c", Image = image }).ImagePullPolicy.ShouldBe(expected);

    [Fact]
    public void Apply_ImageWithoutTag_PullPolicyAlways() =>
        DefaultedContainer(new Container { Name = "c", Image = "nginx" }).ImagePullPolicy.ShouldBe("Always");

    [Fact]
    public void Apply_RegistryWithPortAndNoTag_PullPolicyAlways() =>
        DefaultedContainer(new Container { Name = "c", Image = "127.0.0.1:5000/busybox" }).ImagePullPolicy.ShouldBe("Always");

    [Fact]
    public void Apply_DigestOnlyImage_PullPolicyIfNotPresent() =>
        DefaultedContainer(new Container { Name = "c", Image = "busybox@" + Sha }).ImagePullPolicy.ShouldBe("IfNotPresent");

    [Fact]
    public void Apply_ExplicitPullPolicy_IsKept() =>
        DefaultedContainer(new Container { Name = "c", Image = "busybox", ImagePullPolicy = "Never" }).ImagePullPolicy.ShouldBe("Never");

    [Fact]
    public void Apply_Container_TerminationMessageAndPortProtocolDefaults()
    {
        var container = DefaultedContainer(new Container
        {
            Name = "c", Image = "app:1", Ports = [new ContainerPort { Number = 80 }, new ContainerPort { Number = 53, Protocol = "UDP" }],
        });

        container.TerminationMessagePath.ShouldBe("/dev/termination-log");
        container.TerminationMessagePolicy.ShouldBe("File");
        container.Ports![0].Protocol.ShouldBe("TCP");
        container.Ports[1].Protocol.ShouldBe("UDP");
        container.Ports[0].HostPort.ShouldBeNull();
    }

    [Fact]
    public void Apply_Probes_GetUpstreamTimingAndHandlerDefaults()
    {
        var container = DefaultedContainer(new Container
        {
            Name = "c", Image = "app:1",
            LivenessProbe = new Probe { HttpGet = new HTTPGetAction { Port = 8080 } },
            ReadinessProbe = new Probe { Grpc = new GRPCAction { Port = 9090 }, PeriodSeconds = 3 },
            StartupProbe = new Probe { TcpSocket = new TCPSocketAction { Port = "http" }, FailureThreshold = 0 },
        });

        var liveness = container.LivenessProbe!;
        liveness.TimeoutSeconds.ShouldBe(1);
        liveness.PeriodSeconds.ShouldBe(10);
        liveness.SuccessThreshold.ShouldBe(1);
        liveness.FailureThreshold.ShouldBe(3);
        liveness.InitialDelaySeconds.ShouldBeNull();
        liveness.HttpGet!.Path.ShouldBe("/");
        liveness.HttpGet.Scheme.ShouldBe("HTTP");
        container.ReadinessProbe!.PeriodSeconds.ShouldBe(3);
        container.ReadinessProbe.Grpc!.Service.ShouldBe(string.Empty);
        container.StartupProbe!.FailureThreshold.ShouldBe(3);
    }

    [Fact]
    public void Apply_LifecycleHttpGet_GetsPathAndScheme()
    {
        var container = DefaultedContainer(new Container
        {
            Name = "c", Image = "app:1",
            Lifecycle = new Lifecycle
            {
                PostStart = new LifecycleHandler { HttpGet = new HTTPGetAction { Port = 80, Path = "/started", Scheme = "HTTPS" } },
                PreStop = new LifecycleHandler { HttpGet = new HTTPGetAction { Port = 80 } },
            },
        });

        container.Lifecycle!.PostStart!.HttpGet!.Path.ShouldBe("/started");
        container.Lifecycle.PostStart.HttpGet.Scheme.ShouldBe("HTTPS");
        container.Lifecycle.PreStop!.HttpGet!.Path.ShouldBe("/");
        container.Lifecycle.PreStop.HttpGet.Scheme.ShouldBe("HTTP");
    }

    [Fact]
    public void Apply_EnvFieldRef_GetsApiVersionV1()
    {
        var container = DefaultedContainer(new Container
        {
            Name = "c", Image = "app:1",
            Env =
            [
                new EnvVar { Name = "A", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } },
                new EnvVar { Name = "B", Value = "b" },
            ],
        });

        container.Env![0].ValueFrom!.FieldRef!.ApiVersion.ShouldBe("v1");
    }

    [Fact]
    public void Apply_LimitsWithoutRequests_RequestsDefaultPerResourceName()
    {
        var container = new Container
        {
            Name = "c", Image = "app:1",
            Resources = new ResourceRequirements
            {
                Limits = new() { ["cpu"] = Quantity.Parse("1"), ["memory"] = Quantity.Parse("512Mi") },
                Requests = new() { ["cpu"] = Quantity.Parse("100m") },
            },
        };

        var requests = DefaultedContainer(container).Resources!.Requests!;

        requests["cpu"].ToString().ShouldBe("100m");
        requests["memory"].ToString().ShouldBe("512Mi");
    }

    [Fact]
    public void Apply_InitContainerLimits_AlsoDefaultRequests()
    {
        var pod = new Pod
        {
            Spec = new PodSpec
            {
                InitContainers = [new Container { Name = "i", Image = "a:1", Resources = new ResourceRequirements { Limits = new() { ["cpu"] = Quantity.Parse("2") } } }],
            },
        };

        Defaulted(pod).Spec!.InitContainers![0].Resources!.Requests!["cpu"].ToString().ShouldBe("2");
    }

    [Fact]
    public void Apply_EphemeralContainerLimits_DoNotDefaultRequests()
    {
        var pod = new Pod
        {
            Spec = new PodSpec
            {
                EphemeralContainers = [new EphemeralContainer { Name = "debug", Image = "busybox", Resources = new ResourceRequirements { Limits = new() { ["cpu"] = Quantity.Parse("1") } } }],
            },
        };

        var ephemeral = Defaulted(pod).Spec!.EphemeralContainers![0];

        ephemeral.Resources!.Requests.ShouldBeNull();
        ephemeral.ImagePullPolicy.ShouldBe("Always");
        ephemeral.TerminationMessagePath.ShouldBe("/dev/termination-log");
        ephemeral.TerminationMessagePolicy.ShouldBe("File");
    }

    [Fact]
    public void Apply_SubMilliQuantities_RoundUpToOneMilli()
    {
        var container = new Container
        {
            Name = "c", Image = "app:1",
            Resources = new ResourceRequirements { Limits = new() { ["cpu"] = Quantity.Parse("0.0001"), ["memory"] = Quantity.Parse("1.5Gi") } },
        };
        var pod = new Pod { Spec = new PodSpec { Containers = [container], Overhead = new() { ["cpu"] = Quantity.Parse("1.0001") } } };

        var spec = Defaulted(pod).Spec!;

        container.Resources.Limits!["cpu"].ToString().ShouldBe("1m");
        container.Resources.Requests!["cpu"].ToString().ShouldBe("1m");
        container.Resources.Limits["memory"].ShouldBe(Quantity.Parse("1.5Gi"));
        spec.Overhead!["cpu"].ToString().ShouldBe("1001m");
    }

    [Fact]
    public void Apply_HostNetwork_HostPortsDefaultToContainerPorts()
    {
        var pod = new Pod
        {
            Spec = new PodSpec
            {
                HostNetwork = true,
                Containers = [new Container { Name = "c", Image = "a:1", Ports = [new ContainerPort { Number = 8080 }, new ContainerPort { Number = 9090, HostPort = 9090 }] }],
                InitContainers = [new Container { Name = "i", Image = "a:1", Ports = [new ContainerPort { Number = 7070, HostPort = 0 }] }],
            },
        };

        var spec = Defaulted(pod).Spec!;

        spec.Containers![0].Ports![0].HostPort.ShouldBe(8080);
        spec.Containers[0].Ports![1].HostPort.ShouldBe(9090);
        spec.InitContainers![0].Ports![0].HostPort.ShouldBe(7070);
    }

    [Fact]
    public void Apply_VolumeWithNoSource_DefaultsToEmptyDir()
    {
        var pod = new Pod { Spec = new PodSpec { Volumes = [new Volume { Name = "scratch" }, new Volume { Name = "pvc", PersistentVolumeClaim = new PersistentVolumeClaimVolumeSource { ClaimName = "c" } }] } };

        var volumes = Defaulted(pod).Spec!.Volumes!;

        volumes[0].EmptyDir.ShouldNotBeNull();
        volumes[1].EmptyDir.ShouldBeNull();
    }

    [Fact]
    public void Apply_VolumeSources_GetModesTypesAndTokenLifetime()
    {
        var pod = ValidPods.Read("""
            metadata: {name: p, namespace: default}
            spec:
              containers: [{name: c, image: a}]
              volumes:
              - {name: h, hostPath: {path: /data}}
              - {name: s, secret: {secretName: s}}
              - {name: m, configMap: {name: m, defaultMode: 0400}}
              - name: d
                downwardAPI: {items: [{path: podname, fieldRef: {fieldPath: metadata.name}}]}
              - name: p
                projected:
                  sources:
                  - serviceAccountToken: {path: t}
                  - serviceAccountToken: {path: t2, expirationSeconds: 7200}
                  - downwardAPI: {items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]}
              - {name: i, image: {reference: "quay.io/app/data"}}
              - {name: j, image: {reference: "quay.io/app/data:v1"}}
            """);

        var volumes = Defaulted(pod).Spec!.Volumes!;

        volumes[0].HostPath!.Type.ShouldBe(string.Empty);
        volumes[1].Secret!.DefaultMode.ShouldBe(420);
        volumes[2].ConfigMap!.DefaultMode.ShouldBe(256);
        volumes[3].DownwardAPI!.DefaultMode.ShouldBe(420);
        volumes[3].DownwardAPI!.Items![0].FieldRef!.ApiVersion.ShouldBe("v1");
        volumes[4].Projected!.DefaultMode.ShouldBe(420);
        volumes[4].Projected!.Sources![0].ServiceAccountToken!.ExpirationSeconds.ShouldBe(3600);
        volumes[4].Projected!.Sources![1].ServiceAccountToken!.ExpirationSeconds.ShouldBe(7200);
        volumes[4].Projected!.Sources![2].DownwardAPI!.Items![0].FieldRef!.ApiVersion.ShouldBe("v1");
        volumes[5].Image!.PullPolicy.ShouldBe("Always");
        volumes[6].Image!.PullPolicy.ShouldBe("IfNotPresent");
    }

    [Fact]
    public void Apply_DeprecatedServiceAccount_FillsServiceAccountName()
    {
        var spec = Defaulted(new Pod { Spec = new PodSpec { ServiceAccount = "legacy" } }).Spec!;

        spec.ServiceAccountName.ShouldBe("legacy");
    }

    [Fact]
    public void Apply_ServiceAccountName_IsMirroredToDeprecatedAlias()
    {
        var spec = Defaulted(new Pod { Spec = new PodSpec { ServiceAccountName = "web" } }).Spec!;

        spec.ServiceAccount.ShouldBe("web");
    }

    [Theory]
    [InlineData(ValidPods.FullYaml)]
    [InlineData(ValidPods.MinimalYaml)]
    public void Apply_Twice_ChangesNothing(string yaml)
    {
        var pod = ValidPods.Read(yaml);
        PodDefaults.Apply(pod);
        var once = KubeJson.Serialize(pod);

        PodDefaults.Apply(pod);

        KubeJson.Serialize(pod).ShouldBe(once);
    }

    [Fact]
    public void Apply_DefaultedPod_SerializesUpstreamFieldNames()
    {
        var json = KubeJson.Serialize(ValidPods.Minimal());

        json.ShouldContain("\"imagePullPolicy\":\"IfNotPresent\"");
        json.ShouldContain("\"terminationMessagePath\":\"/dev/termination-log\"");
        json.ShouldContain("\"schedulerName\":\"default-scheduler\"");
        json.ShouldContain("\"enableServiceLinks\":true");
    }

    private static Pod Defaulted(Pod pod)
    {
        PodDefaults.Apply(pod);
        return pod;
    }

    private static Container DefaultedContainer(Container container)
    {
        PodDefaults.Apply(new Pod { Spec = new PodSpec { Containers = [container] } });
        return container;
    }
}
