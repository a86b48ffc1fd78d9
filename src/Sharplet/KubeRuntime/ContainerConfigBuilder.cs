using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.KubeContainer;
using Sharplet.Pods;
using Sharplet.Volumes;
using Container = Sharplet.Api.Container;

namespace Sharplet.KubeRuntime;

// The CRI container config of one container start (upstream generateContainerConfig): the environment, the
// expanded command, the volume mounts, the kubelet-managed /etc/hosts and termination-log file, labels and
// annotations a restarted kubelet reads back, resources and the security context.
internal sealed class ContainerConfigBuilder(EnvironmentBuilder environment, PodDirectories dirs, NodeContext node, RuntimeSettings settings)
{
    public async Task<ContainerConfig> BuildAsync(
        Pod pod,
        Container container,
        int restartCount,
        string imageRef,
        IReadOnlyList<string> podIps,
        IReadOnlyDictionary<string, MountedVolume> volumes,
        CancellationToken cancellationToken)
    {
        var spec = pod.Spec!;
        if (SecurityContextMapper.RunAsNonRootViolation(pod, container) is { } violation)
        {
            throw new ContainerConfigException(violation);
        }

        var env = await environment.BuildAsync(pod, container, node, podIps, cancellationToken).ConfigureAwait(false);
        var lookup = env.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        string Expand(string s) => VariableExpansion.Expand(s, name => lookup.GetValueOrDefault(name));

        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = container.Name, Attempt = (uint)restartCount },
            Image = new ImageSpec { Image = imageRef, UserSpecifiedImage = container.Image ?? string.Empty },
            WorkingDir = container.WorkingDir ?? string.Empty,
            LogPath = $"{container.Name}/{restartCount}.log",
            Stdin = container.Stdin == true,
            StdinOnce = container.StdinOnce == true,
            Tty = container.Tty == true,
            Linux = new LinuxContainerConfig
            {
                Resources = ResourceMapper.Build(pod, container, node.MemoryCapacityBytes),
                SecurityContext = SecurityContextMapper.Build(spec, container),
            },
        };
        config.Command.AddRange((container.Command ?? []).Select(Expand));
        config.Args.AddRange((container.Args ?? []).Select(Expand));
        config.Envs.AddRange(env.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }));
        config.Mounts.AddRange(Mounts(pod, container, restartCount, podIps, volumes, Expand));

        var meta = pod.Metadata!;
        config.Labels[KubeLabels.PodName] = meta.Name;
        config.Labels[KubeLabels.PodNamespace] = meta.Namespace;
        config.Labels[KubeLabels.PodUid] = meta.Uid;
        config.Labels[KubeLabels.ContainerName] = container.Name;
        config.Annotations[KubeLabels.ContainerHash] = ContainerHash.Compute(container);
        config.Annotations[KubeLabels.ContainerRestartCount] = restartCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        config.Annotations[KubeLabels.TerminationMessagePath] = container.TerminationMessagePath ?? string.Empty;
        config.Annotations[KubeLabels.TerminationMessagePolicy] = container.TerminationMessagePolicy ?? TerminationMessagePolicy.File;
        config.Annotations[KubeLabels.PodTerminationGracePeriod] = (spec.TerminationGracePeriodSeconds ?? 30).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (meta.DeletionGracePeriodSeconds is { } deletionGrace)
        {
            config.Annotations[KubeLabels.PodDeletionGracePeriod] = deletionGrace.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (container.Lifecycle?.PreStop is { } preStop)
        {
            config.Annotations[KubeLabels.PreStopHandler] = KubeJson.Serialize(preStop);
        }

        if (container.Ports is { Count: > 0 } ports)
        {
            config.Annotations[KubeLabels.ContainerPorts] = KubeJson.Serialize(ports);
        }

        return config;
    }

    private IEnumerable<Mount> Mounts(
        Pod pod, Container container, int restartCount, IReadOnlyList<string> podIps, IReadOnlyDictionary<string, MountedVolume> volumes, Func<string, string> expand)
    {
        var uid = pod.Metadata!.Uid!;
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mount in container.VolumeMounts ?? [])
        {
            if (!volumes.TryGetValue(mount.Name, out var volume))
            {
                throw new ContainerConfigException($"cannot find volume \"{mount.Name}\" to mount into container \"{container.Name}\"");
            }

            var subPath = !string.IsNullOrEmpty(mount.SubPathExpr) ? expand(mount.SubPathExpr) : mount.SubPath;
            targets.Add(mount.MountPath);
            yield return new Mount
            {
                ContainerPath = mount.MountPath,
                HostPath = VolumeManager.ResolveMountSource(volume, subPath),
                Readonly = mount.ReadOnly == true || volume.ReadOnly,
                Propagation = mount.MountPropagation switch
                {
                    "HostToContainer" => MountPropagation.PropagationHostToContainer,
                    "Bidirectional" => MountPropagation.PropagationBidirectional,
                    _ => MountPropagation.PropagationPrivate,
                },
            };
        }

        // The kubelet manages /etc/hosts once the pod has IPs (the node's on the host network; upstream makeMounts).
        if (podIps.Count > 0 && !targets.Contains("/etc/hosts"))
        {
            var hosts = dirs.EtcHostsPath(uid);
            EtcHostsFile.Write(hosts, pod, podIps, settings.ClusterDomain);
            yield return new Mount { ContainerPath = "/etc/hosts", HostPath = hosts };
        }

        // The termination message file: the container writes its last words there, the kubelet reads them back.
        if (!string.IsNullOrEmpty(container.TerminationMessagePath) && !targets.Contains(container.TerminationMessagePath))
        {
            var path = dirs.TerminationLogPath(uid, container.Name, restartCount);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (File.Create(path))
            {
            }

            File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
            yield return new Mount { ContainerPath = container.TerminationMessagePath, HostPath = path };
        }
    }
}
