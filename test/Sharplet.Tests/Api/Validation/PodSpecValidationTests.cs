using Sharplet.Api;
using Sharplet.Api.Validation;

namespace Sharplet.Tests.Api.Validation;

public class PodSpecValidationTests
{
    private static readonly Dictionary<string, (Action<Pod> Break, string Field, FieldErrorType Type)> Cases = new()
    {
        ["restart policy missing"] = (pod => pod.Spec!.RestartPolicy = "", "spec.restartPolicy", FieldErrorType.Required),
        ["restart policy unknown"] = (pod => pod.Spec!.RestartPolicy = "Sometimes", "spec.restartPolicy", FieldErrorType.NotSupported),
        ["dns policy missing"] = (pod => pod.Spec!.DnsPolicy = null, "spec.dnsPolicy", FieldErrorType.Required),
        ["dns policy unknown"] = (pod => pod.Spec!.DnsPolicy = "ClusterLast", "spec.dnsPolicy", FieldErrorType.NotSupported),
        ["grace period missing"] = (pod => pod.Spec!.TerminationGracePeriodSeconds = null, "spec.terminationGracePeriodSeconds", FieldErrorType.Required),
        ["deadline zero"] = (pod => pod.Spec!.ActiveDeadlineSeconds = 0, "spec.activeDeadlineSeconds", FieldErrorType.Invalid),
        ["deadline beyond int32"] = (pod => pod.Spec!.ActiveDeadlineSeconds = 1L << 31, "spec.activeDeadlineSeconds", FieldErrorType.Invalid),
        ["hostname not a label"] = (pod => pod.Spec!.Hostname = "web.0", "spec.hostname", FieldErrorType.Invalid),
        ["subdomain not a label"] = (pod => pod.Spec!.Subdomain = "Web", "spec.subdomain", FieldErrorType.Invalid),
        ["node name invalid"] = (pod => pod.Spec!.NodeName = "Node_1", "spec.nodeName", FieldErrorType.Invalid),
        ["service account invalid"] = (pod => pod.Spec!.ServiceAccountName = "Web", "spec.serviceAccountName", FieldErrorType.Invalid),
        ["priority class invalid"] = (pod => pod.Spec!.PriorityClassName = "High!", "spec.priorityClassName", FieldErrorType.Invalid),
        ["runtime class invalid"] = (pod => pod.Spec!.RuntimeClassName = "", "spec.runtimeClassName", FieldErrorType.Invalid),
        ["preemption policy unknown"] = (pod => pod.Spec!.PreemptionPolicy = "Always", "spec.preemptionPolicy", FieldErrorType.NotSupported),
        ["node selector value invalid"] = (pod => pod.Spec!.NodeSelector!["zone"] = "a b", "spec.nodeSelector", FieldErrorType.Invalid),
        ["host network port mismatch"] = (pod => pod.Spec!.HostNetwork = true, "spec.containers[0].ports[0].hostPort", FieldErrorType.Invalid),
        ["dns none without config"] = (pod => { pod.Spec!.DnsPolicy = "None"; pod.Spec.DnsConfig = null; }, "spec.dnsConfig", FieldErrorType.Required),
        ["dns none without nameservers"] = (pod => { pod.Spec!.DnsPolicy = "None"; pod.Spec.DnsConfig!.Nameservers = []; }, "spec.dnsConfig.nameservers", FieldErrorType.Required),
        ["dns nameserver not an IP"] = (pod => pod.Spec!.DnsConfig!.Nameservers![0] = "dns.local", "spec.dnsConfig.nameservers[0]", FieldErrorType.Invalid),
        ["dns too many nameservers"] = (pod => pod.Spec!.DnsConfig!.Nameservers = ["1.1.1.1", "1.0.0.1", "8.8.8.8", "8.8.4.4"], "spec.dnsConfig.nameservers", FieldErrorType.Invalid),
        ["dns search invalid"] = (pod => pod.Spec!.DnsConfig!.Searches![0] = "Bad..Domain", "spec.dnsConfig.searches[0]", FieldErrorType.Invalid),
        ["dns option without name"] = (pod => pod.Spec!.DnsConfig!.Options![0].Name = "", "spec.dnsConfig.options[0]", FieldErrorType.Required),
        ["host alias IP invalid"] = (pod => pod.Spec!.HostAliases![0].IP = "10.0.0", "spec.hostAliases[0].ip", FieldErrorType.Invalid),
        ["host alias hostname invalid"] = (pod => pod.Spec!.HostAliases![0].Hostnames![1] = "Cache_Local", "spec.hostAliases[0].hostnames[1]", FieldErrorType.Invalid),
        ["toleration operator unknown"] = (pod => pod.Spec!.Tolerations![0].Operator = "In", "spec.tolerations[0].operator", FieldErrorType.NotSupported),
        ["toleration empty key needs Exists"] = (pod => pod.Spec!.Tolerations![1].Operator = "Equal", "spec.tolerations[1].operator", FieldErrorType.Invalid),
        ["toleration seconds without NoExecute"] = (pod => pod.Spec!.Tolerations![0].Effect = "NoSchedule", "spec.tolerations[0].effect", FieldErrorType.Invalid),
        ["toleration effect unknown"] = (pod => pod.Spec!.Tolerations![1].Effect = "Never", "spec.tolerations[1].effect", FieldErrorType.NotSupported),
        ["toleration Exists with value"] = (pod => pod.Spec!.Tolerations![1].Value = "x", "spec.tolerations[1].operator", FieldErrorType.Invalid),
        ["readiness gate invalid"] = (pod => pod.Spec!.ReadinessGates![0].ConditionType = "bad/gate/type", "spec.readinessGates[0].conditionType", FieldErrorType.Invalid),
        ["scheduling gate duplicate"] = (pod => pod.Spec!.SchedulingGates = [new PodSchedulingGate { Name = "a.io/x" }, new PodSchedulingGate { Name = "a.io/x" }], "spec.schedulingGates[1]", FieldErrorType.Duplicate),
        ["os unknown"] = (pod => pod.Spec!.OS = new PodOS { Name = "plan9" }, "spec.os", FieldErrorType.NotSupported),
        ["os empty"] = (pod => pod.Spec!.OS = new PodOS(), "spec.os.name", FieldErrorType.Required),
        ["linux pod with windows options"] = (pod => { pod.Spec!.OS = new PodOS { Name = "linux" }; pod.Spec.Containers![1].SecurityContext = new SecurityContext { WindowsOptions = new WindowsSecurityContextOptions() }; }, "spec.containers[1].securityContext.windowsOptions", FieldErrorType.Forbidden),
        ["user namespace with host network"] = (pod => { pod.Spec!.HostUsers = false; pod.Spec.HostNetwork = true; }, "spec.hostNetwork", FieldErrorType.Forbidden),
        ["user namespace with host PID"] = (pod => { pod.Spec!.HostUsers = false; pod.Spec.HostPID = true; }, "spec.HostPID", FieldErrorType.Forbidden),
        ["run as user too large"] = (pod => pod.Spec!.SecurityContext!.RunAsUser = 1L << 32, "spec.securityContext.runAsUser", FieldErrorType.Invalid),
        ["fs group negative"] = (pod => pod.Spec!.SecurityContext!.FsGroup = -1, "spec.securityContext.fsGroup", FieldErrorType.Invalid),
        ["supplemental group negative"] = (pod => pod.Spec!.SecurityContext!.SupplementalGroups![0] = -1, "spec.securityContext.supplementalGroups[0]", FieldErrorType.Invalid),
        ["share process namespace with host PID"] = (pod => { pod.Spec!.ShareProcessNamespace = true; pod.Spec.HostPID = true; }, "spec.securityContext.shareProcessNamespace", FieldErrorType.Invalid),
        ["sysctl name invalid"] = (pod => pod.Spec!.SecurityContext!.Sysctls![0].Name = "Net.IPv4", "spec.securityContext.sysctls[0].name", FieldErrorType.Invalid),
        ["net sysctl with host network"] = (pod => { pod.Spec!.HostNetwork = true; foreach (var c in pod.Spec.Containers!) { foreach (var p in c.Ports ?? []) { p.HostPort = p.Number; } } }, "spec.securityContext.sysctls[0].name", FieldErrorType.Invalid),
        ["seccomp type missing"] = (pod => pod.Spec!.SecurityContext!.SeccompProfile!.Type = "", "spec.securityContext.seccompProfile.type", FieldErrorType.Required),
        ["seccomp localhost without profile"] = (pod => pod.Spec!.SecurityContext!.SeccompProfile!.Type = "Localhost", "spec.securityContext.seccompProfile.localhostProfile", FieldErrorType.Required),
        ["seccomp profile on runtime default"] = (pod => pod.Spec!.SecurityContext!.SeccompProfile!.LocalhostProfile = "x.json", "spec.securityContext.seccompProfile.localhostProfile", FieldErrorType.Invalid),
        ["apparmor type unknown"] = (pod => pod.Spec!.SecurityContext!.AppArmorProfile = new AppArmorProfile { Type = "Strict" }, "spec.securityContext.appArmorProfile.type", FieldErrorType.NotSupported),
        ["apparmor padded profile"] = (pod => pod.Spec!.SecurityContext!.AppArmorProfile = new AppArmorProfile { Type = "Localhost", LocalhostProfile = " p" }, "spec.securityContext.appArmorProfile.localhostProfile", FieldErrorType.Invalid),
        ["fs group change policy unknown"] = (pod => pod.Spec!.SecurityContext!.FsGroupChangePolicy = "Never", "spec.securityContext.fsGroupChangePolicy", FieldErrorType.NotSupported),
        ["container privileged without escalation"] = (pod => pod.Spec!.Containers![0].SecurityContext!.Privileged = true, "spec.containers[0].securityContext", FieldErrorType.Invalid),
        ["container unmasked proc with host users"] = (pod => pod.Spec!.Containers![0].SecurityContext!.ProcMount = "Unmasked", "spec.containers[0].securityContext.procMount", FieldErrorType.Invalid),
        ["container proc mount unknown"] = (pod => pod.Spec!.Containers![0].SecurityContext!.ProcMount = "Masked", "spec.containers[0].securityContext.procMount", FieldErrorType.NotSupported),
        ["container run as group negative"] = (pod => pod.Spec!.Containers![0].SecurityContext!.RunAsGroup = -5, "spec.containers[0].securityContext.runAsGroup", FieldErrorType.Invalid),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Validate_InvalidSpecField_ReportsExactPathAndType(string name)
    {
        var pod = ValidPods.Full();
        var (breakIt, field, type) = Cases[name];
        breakIt(pod);

        pod.ShouldReport(field, type);
    }

    [Fact]
    public void Validate_HostNetworkWithMatchingPorts_IsValid()
    {
        var pod = ValidPods.Full();
        pod.Spec!.HostNetwork = true;
        pod.Spec.SecurityContext!.Sysctls = null;
        foreach (var port in pod.Spec.Containers!.SelectMany(container => container.Ports ?? []))
        {
            port.HostPort = port.Number;
        }

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_HostNetworkPortMismatch_ReadsLikeUpstream()
    {
        var pod = ValidPods.Minimal();
        pod.Spec!.HostNetwork = true;
        pod.Spec.Containers![0].Ports = [new ContainerPort { Number = 80, HostPort = 8080, Protocol = "TCP" }];

        pod.ShouldReport("spec.containers[0].ports[0].hostPort", FieldErrorType.Invalid).ToString()
            .ShouldBe("spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true");
    }

    [Fact]
    public void Validate_DeadlineZero_StatesRange()
    {
        var pod = ValidPods.Minimal();
        pod.Spec!.ActiveDeadlineSeconds = 0;

        pod.ShouldReport("spec.activeDeadlineSeconds", FieldErrorType.Invalid).ToString()
            .ShouldBe("spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive");
    }

    [Fact]
    public void Validate_NegativeGracePeriod_IsAcceptedAsUpstreamDoesOnCreate()
    {
        var pod = ValidPods.Minimal();
        pod.Spec!.TerminationGracePeriodSeconds = -1;

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_DnsSearchRootAndUnderscore_AreAllowed()
    {
        var pod = ValidPods.Full();
        pod.Spec!.DnsConfig!.Searches = [".", "_srv.example.com.", "svc.cluster.local"];

        pod.ShouldBeValid();
    }

    [Fact]
    public void Validate_DnsPolicyNoneWithNameservers_IsValid()
    {
        var pod = ValidPods.Full();
        pod.Spec!.DnsPolicy = "None";

        pod.ShouldBeValid();
    }
}
