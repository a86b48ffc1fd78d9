using Sharplet.Api;
using Sharplet.Cm;
using Sharplet.Cri.V1;
using Container = Sharplet.Api.Container;
using Sharplet.KubeContainer;

namespace Sharplet.KubeRuntime;

// The CRI sandbox config of a pod (upstream generatePodSandboxConfig): identity and labels that let a restarted
// kubelet find it, hostname, DNS, host ports, the cgroup parent of its QoS class and the namespaces it shares.
internal sealed class SandboxConfigBuilder(RuntimeSettings settings, PodContainerManager cgroups, DnsConfigurer dns, string nodeName)
{
    public PodSandboxConfig Build(Pod pod, uint attempt)
    {
        var meta = pod.Metadata!;
        var spec = pod.Spec!;
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = meta.Name, Namespace = meta.Namespace, Uid = meta.Uid, Attempt = attempt },
            Hostname = Hostname(pod),
            LogDirectory = LogDirectory(pod),
            DnsConfig = dns.Build(pod),
            Linux = new LinuxPodSandboxConfig
            {
                CgroupParent = cgroups.NameOf(QosClass.Of(spec), meta.Uid!),
                SecurityContext = new LinuxSandboxSecurityContext
                {
                    NamespaceOptions = Namespaces(spec),
                    Privileged = AllContainers(spec).Any(c => c.SecurityContext?.Privileged == true),
                    Seccomp = SecurityContextMapper.Seccomp(null, spec.SecurityContext),
                },
            },
        };
        foreach (var (key, value) in meta.Labels ?? [])
        {
            config.Labels[key] = value;
        }

        config.Labels[KubeLabels.PodName] = meta.Name;
        config.Labels[KubeLabels.PodNamespace] = meta.Namespace;
        config.Labels[KubeLabels.PodUid] = meta.Uid;
        config.Labels[KubeLabels.NodeName] = nodeName;
        foreach (var (key, value) in meta.Annotations ?? [])
        {
            config.Annotations[key] = value;
        }

        if (spec.SecurityContext is { } podSecurity)
        {
            var sc = config.Linux.SecurityContext;
            if (podSecurity.RunAsUser is { } user)
            {
                sc.RunAsUser = new Int64Value { Value = user };
            }

            if (podSecurity.RunAsGroup is { } group)
            {
                sc.RunAsGroup = new Int64Value { Value = group };
            }

            sc.SupplementalGroups.AddRange(podSecurity.SupplementalGroups ?? []);
            if (podSecurity.FsGroup is { } fsGroup)
            {
                sc.SupplementalGroups.Add(fsGroup);
            }

            foreach (var sysctl in podSecurity.Sysctls ?? [])
            {
                config.Linux.Sysctls[sysctl.Name] = sysctl.Value;
            }
        }

        foreach (var container in spec.Containers ?? [])
        {
            foreach (var port in container.Ports ?? [])
            {
                if (port.HostPort is not > 0)
                {
                    continue;
                }

                config.PortMappings.Add(new PortMapping
                {
                    ContainerPort = port.Number,
                    HostPort = port.HostPort.Value,
                    HostIp = port.HostIP ?? string.Empty,
                    Protocol = port.Protocol switch { "UDP" => Cri.V1.Protocol.Udp, "SCTP" => Cri.V1.Protocol.Sctp, _ => Cri.V1.Protocol.Tcp },
                });
            }
        }

        return config;
    }

    public string LogDirectory(Pod pod) => LogDirectory(pod.Metadata!.Namespace!, pod.Metadata.Name!, pod.Metadata.Uid!);

    // /var/log/pods/<namespace>_<name>_<uid>, the layout log collectors expect.
    public string LogDirectory(string @namespace, string name, string uid) => Path.Combine(settings.PodLogsDir, $"{@namespace}_{name}_{uid}");

    internal static NamespaceOption Namespaces(PodSpec spec) => new()
    {
        Network = spec.HostNetwork == true ? NamespaceMode.Node : NamespaceMode.Pod,
        Pid = spec.HostPID == true ? NamespaceMode.Node : spec.ShareProcessNamespace == true ? NamespaceMode.Pod : NamespaceMode.Container,
        Ipc = spec.HostIPC == true ? NamespaceMode.Node : NamespaceMode.Pod,
    };

    private static IEnumerable<Container> AllContainers(PodSpec spec) => (spec.InitContainers ?? []).Concat(spec.Containers ?? []);

    // Upstream GeneratePodHostNameAndDomain: spec.hostname or the pod name, cut to 63 characters. None on the
    // host network (upstream sets it only off the host network): the pod shares the node's UTS namespace, and
    // runc refuses to set a hostname without a private one ("unable to set hostname without a private UTS
    // namespace"), so no hostNetwork pod could start.
    private string Hostname(Pod pod)
    {
        if (pod.Spec!.HostNetwork == true)
        {
            return string.Empty;
        }

        var name = string.IsNullOrEmpty(pod.Spec.Hostname) ? pod.Metadata!.Name! : pod.Spec.Hostname;
        name = name.Length > 63 ? name[..63].TrimEnd('-', '.') : name;
        if (pod.Spec.SetHostnameAsFQDN == true && !string.IsNullOrEmpty(pod.Spec.Subdomain))
        {
            name = $"{name}.{pod.Spec.Subdomain}.{pod.Metadata!.Namespace}.svc.{settings.ClusterDomain}";
        }

        return name;
    }
}
