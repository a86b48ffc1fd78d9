using Sharplet.Api;
using Sharplet.Api.Defaulting;
using Sharplet.Api.Validation;

namespace Sharplet.Tests.Api.Validation;

public class ContainerValidationTests
{
    // In the full pod: initContainers[0] "migrate" is a plain init container, initContainers[1] "proxy" a
    // sidecar; containers[0] "app" has ports, env and mounts, containers[1] "logger" is small.
    private static readonly Dictionary<string, (Action<Pod> Break, string Field, FieldErrorType Type)> Cases = new()
    {
        ["no containers"] = (pod => pod.Spec!.Containers = [], "spec.containers", FieldErrorType.Required),
        ["name missing"] = (pod => App(pod).Name = "", "spec.containers[0].name", FieldErrorType.Required),
        ["name not a label"] = (pod => App(pod).Name = "App", "spec.containers[0].name", FieldErrorType.Invalid),
        ["name with dots"] = (pod => App(pod).Name = "a.b", "spec.containers[0].name", FieldErrorType.Invalid),
        ["duplicate app names"] = (pod => pod.Spec!.Containers![1].Name = "app", "spec.containers[1].name", FieldErrorType.Duplicate),
        ["init name reuses app name"] = (pod => pod.Spec!.InitContainers![0].Name = "logger", "spec.initContainers[0].name", FieldErrorType.Duplicate),
        ["init names duplicate"] = (pod => pod.Spec!.InitContainers![1].Name = "migrate", "spec.initContainers[1].name", FieldErrorType.Duplicate),
        ["image missing"] = (pod => App(pod).Image = "", "spec.containers[0].image", FieldErrorType.Required),
        ["image with trailing space"] = (pod => App(pod).Image = "nginx ", "spec.containers[0].image", FieldErrorType.Invalid),
        ["init image with leading space"] = (pod => pod.Spec!.InitContainers![0].Image = " nginx", "spec.initContainers[0].image", FieldErrorType.Invalid),
        ["termination message policy missing"] = (pod => App(pod).TerminationMessagePolicy = "", "spec.containers[0].terminationMessagePolicy", FieldErrorType.Required),
        ["termination message policy unknown"] = (pod => App(pod).TerminationMessagePolicy = "Stderr", "spec.containers[0].terminationMessagePolicy", FieldErrorType.NotSupported),
        ["pull policy missing"] = (pod => App(pod).ImagePullPolicy = "", "spec.containers[0].imagePullPolicy", FieldErrorType.Required),
        ["pull policy unknown"] = (pod => App(pod).ImagePullPolicy = "Sometimes", "spec.containers[0].imagePullPolicy", FieldErrorType.NotSupported),
        ["app container restartPolicy"] = (pod => App(pod).RestartPolicy = "Always", "spec.containers[0].restartPolicy", FieldErrorType.Forbidden),
        ["init restartPolicy not Always"] = (pod => pod.Spec!.InitContainers![0].RestartPolicy = "OnFailure", "spec.initContainers[0].restartPolicy", FieldErrorType.NotSupported),
        ["init lifecycle"] = (pod => pod.Spec!.InitContainers![0].Lifecycle = new Lifecycle(), "spec.initContainers[0].lifecycle", FieldErrorType.Forbidden),
        ["init liveness probe"] = (pod => pod.Spec!.InitContainers![0].LivenessProbe = Exec(), "spec.initContainers[0].livenessProbe", FieldErrorType.Forbidden),
        ["init readiness probe"] = (pod => pod.Spec!.InitContainers![0].ReadinessProbe = Exec(), "spec.initContainers[0].readinessProbe", FieldErrorType.Forbidden),
        ["init startup probe"] = (pod => pod.Spec!.InitContainers![0].StartupProbe = Exec(), "spec.initContainers[0].startupProbe", FieldErrorType.Forbidden),
        ["sidecar probe still validated"] = (pod => pod.Spec!.InitContainers![1].StartupProbe!.SuccessThreshold = 2, "spec.initContainers[1].startupProbe.successThreshold", FieldErrorType.Invalid),
        ["port number zero"] = (pod => App(pod).Ports![0].Number = 0, "spec.containers[0].ports[0].containerPort", FieldErrorType.Required),
        ["port number too high"] = (pod => pod.Spec!.Containers![1].Ports = [new ContainerPort { Number = 70000, Protocol = "TCP" }], "spec.containers[1].ports[0].containerPort", FieldErrorType.Invalid),
        ["host port negative"] = (pod => App(pod).Ports![0].HostPort = -1, "spec.containers[0].ports[0].hostPort", FieldErrorType.Invalid),
        ["port protocol missing"] = (pod => App(pod).Ports![0].Protocol = "", "spec.containers[0].ports[0].protocol", FieldErrorType.Required),
        ["port protocol unknown"] = (pod => App(pod).Ports![0].Protocol = "ICMP", "spec.containers[0].ports[0].protocol", FieldErrorType.NotSupported),
        ["port name not IANA"] = (pod => App(pod).Ports![0].Name = "HTTP", "spec.containers[0].ports[0].name", FieldErrorType.Invalid),
        ["port name too long"] = (pod => App(pod).Ports![0].Name = "a-very-long-port-name", "spec.containers[0].ports[0].name", FieldErrorType.Invalid),
        ["port names duplicate"] = (pod => App(pod).Ports![1].Name = "http", "spec.containers[0].ports[1].name", FieldErrorType.Duplicate),
        ["host port claimed twice"] = (pod => pod.Spec!.Containers![1].Ports = [new ContainerPort { Number = 5353, HostPort = 5353, Protocol = "UDP" }], "spec.containers[1].ports[0].hostPort", FieldErrorType.Duplicate),
        ["init host port claimed twice"] = (pod => pod.Spec!.InitContainers![1].Ports = [new ContainerPort { Number = 1, HostPort = 80, Protocol = "TCP" }, new ContainerPort { Number = 2, HostPort = 80, Protocol = "TCP" }], "spec.initContainers[0].ports[1].hostPort", FieldErrorType.Duplicate),
        ["env name missing"] = (pod => App(pod).Env![0].Name = "", "spec.containers[0].env[0].name", FieldErrorType.Required),
        ["env name with equals"] = (pod => App(pod).Env![0].Name = "A=B", "spec.containers[0].env[0].name", FieldErrorType.Invalid),
        ["env valueFrom empty"] = (pod => App(pod).Env![0].ValueFrom = new EnvVarSource(), "spec.containers[0].env[0].valueFrom", FieldErrorType.Invalid),
        ["env value and valueFrom"] = (pod => App(pod).Env![1].Value = "x", "spec.containers[0].env[1].valueFrom", FieldErrorType.Invalid),
        ["env two sources"] = (pod => App(pod).Env![1].ValueFrom!.SecretKeyRef = new SecretKeySelector { Name = "s", Key = "k" }, "spec.containers[0].env[1].valueFrom", FieldErrorType.Invalid),
        ["env fieldRef unsupported"] = (pod => App(pod).Env![1].ValueFrom!.FieldRef!.FieldPath = "spec.restartPolicy", "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath", FieldErrorType.NotSupported),
        ["env fieldRef unknown"] = (pod => App(pod).Env![1].ValueFrom!.FieldRef!.FieldPath = "spec.nothing", "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath", FieldErrorType.Invalid),
        ["env fieldRef bad version"] = (pod => App(pod).Env![1].ValueFrom!.FieldRef!.ApiVersion = "v2", "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath", FieldErrorType.Invalid),
        ["env fieldRef no version"] = (pod => App(pod).Env![1].ValueFrom!.FieldRef!.ApiVersion = "", "spec.containers[0].env[1].valueFrom.fieldRef.apiVersion", FieldErrorType.Required),
        ["env fieldRef subscript on name"] = (pod => App(pod).Env![1].ValueFrom!.FieldRef!.FieldPath = "metadata.name['x']", "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath", FieldErrorType.Invalid),
        ["env label subscript invalid"] = (pod => App(pod).Env![2].ValueFrom!.FieldRef!.FieldPath = "metadata.labels['-x']", "spec.containers[0].env[2].valueFrom.fieldRef", FieldErrorType.Invalid),
        ["env resourceFieldRef unknown"] = (pod => App(pod).Env![3].ValueFrom!.ResourceFieldRef!.Resource = "limits.gpu", "spec.containers[0].env[3].valueFrom.resourceFieldRef.resource", FieldErrorType.NotSupported),
        ["env resourceFieldRef bad divisor"] = (pod => App(pod).Env![3].ValueFrom!.ResourceFieldRef!.Divisor = Quantity.Parse("1Mi"), "spec.containers[0].env[3].valueFrom.resourceFieldRef.divisor", FieldErrorType.Invalid),
        ["env configMapKeyRef no key"] = (pod => App(pod).Env![4].ValueFrom!.ConfigMapKeyRef!.Key = "", "spec.containers[0].env[4].valueFrom.configMapKeyRef.key", FieldErrorType.Required),
        ["env configMapKeyRef bad name"] = (pod => App(pod).Env![4].ValueFrom!.ConfigMapKeyRef!.Name = "", "spec.containers[0].env[4].valueFrom.configMapKeyRef.name", FieldErrorType.Invalid),
        ["env secretKeyRef bad key"] = (pod => pod.Spec!.InitContainers![0].Env![0].ValueFrom!.SecretKeyRef!.Key = "a/b", "spec.initContainers[0].env[0].valueFrom.secretKeyRef.key", FieldErrorType.Invalid),
        ["envFrom prefix with equals"] = (pod => App(pod).EnvFrom![0].Prefix = "A=", "spec.containers[0].envFrom[0].prefix", FieldErrorType.Invalid),
        ["envFrom no source"] = (pod => App(pod).EnvFrom![1].SecretRef = null, "spec.containers[0].envFrom", FieldErrorType.Invalid),
        ["envFrom two sources"] = (pod => App(pod).EnvFrom![1].ConfigMapRef = new ConfigMapEnvSource { Name = "c" }, "spec.containers[0].envFrom", FieldErrorType.Invalid),
        ["envFrom name missing"] = (pod => App(pod).EnvFrom![1].SecretRef!.Name = "", "spec.containers[0].envFrom[1].secretRef.name", FieldErrorType.Required),
        ["envFrom name invalid"] = (pod => App(pod).EnvFrom![0].ConfigMapRef!.Name = "Web", "spec.containers[0].envFrom[0].configMapRef.name", FieldErrorType.Invalid),
        ["ephemeral name reuses app name"] = (pod => Ephemeral(pod).Name = "app", "spec.ephemeralContainers[0].name", FieldErrorType.Duplicate),
        ["ephemeral target unknown"] = (pod => Ephemeral(pod).TargetContainerName = "ghost", "spec.ephemeralContainers[0].targetContainerName", FieldErrorType.NotFound),
        ["ephemeral image missing"] = (pod => Ephemeral(pod).Image = null, "spec.ephemeralContainers[0].image", FieldErrorType.Required),
        ["ephemeral image whitespace"] = (pod => Ephemeral(pod).Image = "busybox\t", "spec.ephemeralContainers[0].image", FieldErrorType.Invalid),
        ["ephemeral ports"] = (pod => Ephemeral(pod).Ports = [new ContainerPort { Number = 80, Protocol = "TCP" }], "spec.ephemeralContainers[0].ports", FieldErrorType.Forbidden),
        ["ephemeral resources"] = (pod => Ephemeral(pod).Resources = new ResourceRequirements { Limits = new() { ["cpu"] = Quantity.Parse("1") } }, "spec.ephemeralContainers[0].resources", FieldErrorType.Forbidden),
        ["ephemeral probe"] = (pod => Ephemeral(pod).ReadinessProbe = Exec(), "spec.ephemeralContainers[0].readinessProbe", FieldErrorType.Forbidden),
        ["ephemeral lifecycle"] = (pod => Ephemeral(pod).Lifecycle = new Lifecycle(), "spec.ephemeralContainers[0].lifecycle", FieldErrorType.Forbidden),
        ["ephemeral restartPolicy"] = (pod => Ephemeral(pod).RestartPolicy = "Always", "spec.ephemeralContainers[0].restartPolicy", FieldErrorType.Forbidden),
        ["ephemeral subPath"] = (pod => Ephemeral(pod).VolumeMounts = [new VolumeMount { Name = "scratch", MountPath = "/x", SubPath = "y" }], "spec.ephemeralContainers[0].volumeMounts[0].subPath", FieldErrorType.Forbidden),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_InvalidContainer_ReportsExactPathAndType(string name)
    {
        var pod = FullWithEphemeral();
        var (breakIt, field, type) = Cases[name];
        breakIt(pod);

        pod.ShouldReport(field, type);
    }

    [Fact]
    public void Validate_DuplicateContainerNames_ReportsDuplicateWithPath()
    {
        var pod = ValidPods.Full();
        pod.Spec!.Containers![1].Name = "app";

        pod.ShouldReport("spec.containers[1].name", FieldErrorType.Duplicate).ToString().ShouldBe("spec.containers[1].name: Duplicate value: \"app\"");
    }

    [Fact]
    public void Validate_EphemeralContainer_ValidOneHasNoErrors() => FullWithEphemeral().ShouldBeValid();

    [Fact]
    public void Validate_PortOutOfRange_ReadsLikeUpstream()
    {
        var pod = ValidPods.Full();
        pod.Spec!.Containers![1].Ports = [new ContainerPort { Number = 70000, Protocol = "TCP" }];

        pod.ShouldReport("spec.containers[1].ports[0].containerPort", FieldErrorType.Invalid).ToString()
            .ShouldBe("spec.containers[1].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    [Fact]
    public void Validate_HostPortConflict_NamesProtocolIpAndPort()
    {
        var pod = ValidPods.Full();
        pod.Spec!.Containers![1].Ports = [new ContainerPort { Number = 53, HostPort = 5353, Protocol = "UDP" }];

        pod.ShouldReport("spec.containers[1].ports[0].hostPort", FieldErrorType.Duplicate).BadValue.ShouldBe("UDP//5353");
    }

    [Fact]
    public void Validate_SameHostPortDifferentProtocol_IsValid()
    {
        var pod = ValidPods.Full();
        pod.Spec!.Containers![1].Ports = [new ContainerPort { Number = 53, HostPort = 5353, Protocol = "TCP" }];

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_SameHostPortInTwoInitContainers_IsValid()
    {
        var pod = ValidPods.Full();
        pod.Spec!.InitContainers![0].Ports = [new ContainerPort { Number = 80, HostPort = 80, Protocol = "TCP" }];
        pod.Spec.InitContainers[1].Ports = [new ContainerPort { Number = 80, HostPort = 80, Protocol = "TCP", Name = "admin" }];

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_InitLifecycle_ExplainsSidecarRule()
    {
        var pod = ValidPods.Full();
        pod.Spec!.InitContainers![0].Lifecycle = new Lifecycle();

        pod.ShouldReport("spec.initContainers[0].lifecycle", FieldErrorType.Forbidden).Detail
            .ShouldBe("may not be set for init containers without restartPolicy=Always");
    }

    [Fact]
    public void Validate_EnvFieldRefUnsupported_ListsEnvFields()
    {
        var pod = ValidPods.Full();
        pod.Spec!.Containers![0].Env![1].ValueFrom!.FieldRef!.FieldPath = "spec.restartPolicy";

        pod.ShouldReport("spec.containers[0].env[1].valueFrom.fieldRef.fieldPath", FieldErrorType.NotSupported).ToString().ShouldBe(
            "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.restartPolicy\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"");
    }

    [Theory]
    [InlineData("spec.host")]
    [InlineData("status.podIPs")]
    [InlineData("metadata.annotations['Example.com/Key']")]
    public void Validate_EnvFieldRefAccepted(string fieldPath)
    {
        var pod = ValidPods.Full();
        pod.Spec!.Containers![0].Env![1].ValueFrom!.FieldRef!.FieldPath = fieldPath;

        pod.ShouldBeValid();
    }

    private static Container App(Pod pod) => pod.Spec!.Containers![0];

    private static EphemeralContainer Ephemeral(Pod pod) => pod.Spec!.EphemeralContainers![0];

    private static Probe Exec() => new() { Exec = new ExecAction { Command = ["true"] }, TimeoutSeconds = 1, PeriodSeconds = 1, SuccessThreshold = 1, FailureThreshold = 1 };

    private static Pod FullWithEphemeral()
    {
        var pod = ValidPods.Full();
        pod.Spec!.EphemeralContainers = [new EphemeralContainer { Name = "debugger", Image = "busybox", TargetContainerName = "app", VolumeMounts = [new VolumeMount { Name = "scratch", MountPath = "/scratch" }] }];
        PodDefaults.Apply(pod);
        return pod;
    }
}
