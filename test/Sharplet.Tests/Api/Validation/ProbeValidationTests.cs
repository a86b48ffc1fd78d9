using Sharplet.Api;
using Sharplet.Api.Validation;

namespace Sharplet.Tests.Api.Validation;

public class ProbeValidationTests
{
    // containers[0] "app": liveness httpGet on named port "http", readiness grpc 9090, startup exec,
    // postStart exec, preStop httpGet; initContainers[1] "proxy" (sidecar): preStop sleep 5.
    private static readonly Dictionary<string, (Action<Pod> Break, string Field, FieldErrorType Type)> Cases = new()
    {
        ["no handler"] = (pod => App(pod).LivenessProbe!.HttpGet = null, "spec.containers[0].livenessProbe", FieldErrorType.Required),
        ["two handlers"] = (pod => App(pod).LivenessProbe!.TcpSocket = new TCPSocketAction { Port = 80 }, "spec.containers[0].livenessProbe.tcpSocket", FieldErrorType.Forbidden),
        ["grpc and exec"] = (pod => App(pod).ReadinessProbe!.Exec = new ExecAction { Command = ["x"] }, "spec.containers[0].readinessProbe.grpc", FieldErrorType.Forbidden),
        ["liveness success threshold"] = (pod => App(pod).LivenessProbe!.SuccessThreshold = 3, "spec.containers[0].livenessProbe.successThreshold", FieldErrorType.Invalid),
        ["startup success threshold"] = (pod => App(pod).StartupProbe!.SuccessThreshold = 2, "spec.containers[0].startupProbe.successThreshold", FieldErrorType.Invalid),
        ["negative initial delay"] = (pod => App(pod).LivenessProbe!.InitialDelaySeconds = -1, "spec.containers[0].livenessProbe.initialDelaySeconds", FieldErrorType.Invalid),
        ["negative timeout"] = (pod => App(pod).ReadinessProbe!.TimeoutSeconds = -1, "spec.containers[0].readinessProbe.timeoutSeconds", FieldErrorType.Invalid),
        ["negative period"] = (pod => App(pod).ReadinessProbe!.PeriodSeconds = -5, "spec.containers[0].readinessProbe.periodSeconds", FieldErrorType.Invalid),
        ["negative failure threshold"] = (pod => App(pod).StartupProbe!.FailureThreshold = -1, "spec.containers[0].startupProbe.failureThreshold", FieldErrorType.Invalid),
        ["probe grace period zero"] = (pod => App(pod).LivenessProbe!.TerminationGracePeriodSeconds = 0, "spec.containers[0].livenessProbe.terminationGracePeriodSeconds", FieldErrorType.Invalid),
        ["readiness grace period"] = (pod => App(pod).ReadinessProbe!.TerminationGracePeriodSeconds = 5, "spec.containers[0].readinessProbe.terminationGracePeriodSeconds", FieldErrorType.Invalid),
        ["exec without command"] = (pod => App(pod).StartupProbe!.Exec!.Command = [], "spec.containers[0].startupProbe.exec.command", FieldErrorType.Required),
        ["httpGet path empty"] = (pod => App(pod).LivenessProbe!.HttpGet!.Path = "", "spec.containers[0].livenessProbe.httpGet.path", FieldErrorType.Required),
        ["httpGet port zero"] = (pod => App(pod).LivenessProbe!.HttpGet!.Port = 0, "spec.containers[0].livenessProbe.httpGet.port", FieldErrorType.Invalid),
        ["httpGet port too high"] = (pod => App(pod).LivenessProbe!.HttpGet!.Port = 65536, "spec.containers[0].livenessProbe.httpGet.port", FieldErrorType.Invalid),
        ["httpGet port name invalid"] = (pod => App(pod).LivenessProbe!.HttpGet!.Port = "HTTP", "spec.containers[0].livenessProbe.httpGet.port", FieldErrorType.Invalid),
        ["httpGet port name numeric"] = (pod => App(pod).LivenessProbe!.HttpGet!.Port = "8080", "spec.containers[0].livenessProbe.httpGet.port", FieldErrorType.Invalid),
        ["httpGet scheme"] = (pod => App(pod).LivenessProbe!.HttpGet!.Scheme = "FTP", "spec.containers[0].livenessProbe.httpGet.scheme", FieldErrorType.NotSupported),
        ["httpGet header name"] = (pod => App(pod).LivenessProbe!.HttpGet!.HttpHeaders![0].Name = "X Probe", "spec.containers[0].livenessProbe.httpGet.httpHeaders", FieldErrorType.Invalid),
        ["tcpSocket port"] = (pod => pod.Spec!.InitContainers![1].StartupProbe!.TcpSocket!.Port = -1, "spec.initContainers[1].startupProbe.tcpSocket.port", FieldErrorType.Invalid),
        ["grpc port"] = (pod => App(pod).ReadinessProbe!.Grpc!.Port = 0, "spec.containers[0].readinessProbe.grpc.port", FieldErrorType.Invalid),
        ["lifecycle handler empty"] = (pod => App(pod).Lifecycle!.PostStart = new LifecycleHandler(), "spec.containers[0].lifecycle.postStart", FieldErrorType.Required),
        ["lifecycle two handlers"] = (pod => App(pod).Lifecycle!.PreStop!.Sleep = new SleepAction { Seconds = 1 }, "spec.containers[0].lifecycle.preStop.sleep", FieldErrorType.Forbidden),
        ["lifecycle httpGet port"] = (pod => App(pod).Lifecycle!.PreStop!.HttpGet!.Port = 0, "spec.containers[0].lifecycle.preStop.httpGet.port", FieldErrorType.Invalid),
        ["sleep negative"] = (pod => pod.Spec!.InitContainers![1].Lifecycle!.PreStop!.Sleep!.Seconds = -1, "spec.initContainers[1].lifecycle.preStop.sleep", FieldErrorType.Invalid),
        ["sleep beyond grace period"] = (pod => pod.Spec!.InitContainers![1].Lifecycle!.PreStop!.Sleep!.Seconds = 46, "spec.initContainers[1].lifecycle.preStop.sleep", FieldErrorType.Invalid),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_InvalidProbeOrHandler_ReportsExactPathAndType(string name)
    {
        var pod = ValidPods.Full();
        var (breakIt, field, type) = Cases[name];
        breakIt(pod);

        pod.ShouldReport(field, type);
    }

    [Fact]
    public void Validate_LivenessSuccessThreshold_ReadsLikeUpstream()
    {
        var pod = ValidPods.Full();
        App(pod).LivenessProbe!.SuccessThreshold = 3;

        pod.ShouldReport("spec.containers[0].livenessProbe.successThreshold", FieldErrorType.Invalid).ToString()
            .ShouldBe("spec.containers[0].livenessProbe.successThreshold: Invalid value: 3: must be 1");
    }

    [Fact]
    public void Validate_ReadinessSuccessThresholdAboveOne_IsValid()
    {
        var pod = ValidPods.Full();
        App(pod).ReadinessProbe!.SuccessThreshold = 3;

        pod.ShouldBeValid();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(45)]
    public void Validate_SleepWithinGracePeriod_IsValid(long seconds)
    {
        var pod = ValidPods.Full();
        pod.Spec!.InitContainers![1].Lifecycle!.PreStop!.Sleep!.Seconds = seconds;

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_SleepBeyondGracePeriod_NamesTheGracePeriod()
    {
        var pod = ValidPods.Full();
        pod.Spec!.InitContainers![1].Lifecycle!.PreStop!.Sleep!.Seconds = 46;

        pod.ShouldReport("spec.initContainers[1].lifecycle.preStop.sleep", FieldErrorType.Invalid).ToString()
            .ShouldBe("spec.initContainers[1].lifecycle.preStop.sleep: Invalid value: 46: must be non-negative and less than terminationGracePeriodSeconds (45)");
    }

    [Fact]
    public void Validate_TcpSocketLifecycleHandler_IsAllowedAsUpstreamDoes()
    {
        var pod = ValidPods.Full();
        App(pod).Lifecycle!.PostStart = new LifecycleHandler { TcpSocket = new TCPSocketAction { Port = 8080 } };

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_HttpGetSchemeUnsupported_ListsHttpAndHttps()
    {
        var pod = ValidPods.Full();
        App(pod).LivenessProbe!.HttpGet!.Scheme = "FTP";

        pod.ShouldReport("spec.containers[0].livenessProbe.httpGet.scheme", FieldErrorType.NotSupported).Detail
            .ShouldBe("supported values: \"HTTP\", \"HTTPS\"");
    }

    private static Container App(Pod pod) => pod.Spec!.Containers![0];
}
