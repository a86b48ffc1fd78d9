using System.Diagnostics;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Bench;

// The floor: the three CRI calls that make a running pod (RunPodSandbox, CreateContainer, StartContainer), with
// configs of the same shape Sharplet sends (labels, log directory, cgroup parent, DNS from the host).
internal sealed class RawCri(IRuntimeService runtime, string logRoot, string nodeLabel)
{
    public async Task<double> StartPodAsync(string name, CancellationToken cancellationToken)
    {
        var uid = Guid.NewGuid().ToString();
        var sandbox = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = "bench", Uid = uid },
            Hostname = name,
            LogDirectory = Path.Combine(logRoot, $"bench_{name}_{uid}"),
            DnsConfig = new DNSConfig(),
            Linux = new LinuxPodSandboxConfig { CgroupParent = $"/kubepods/besteffort/pod{uid}" },
        };
        sandbox.Labels["io.kubernetes.pod.uid"] = uid;
        sandbox.Labels["io.kubernetes.pod.name"] = name;
        sandbox.Labels["io.kubernetes.pod.namespace"] = "bench";
        sandbox.Labels["sharplet.io/node-name"] = nodeLabel;
        Directory.CreateDirectory(sandbox.LogDirectory);
        var container = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = "main" },
            Image = new ImageSpec { Image = "docker.io/library/busybox:latest" },
            LogPath = "main/0.log",
            Linux = new LinuxContainerConfig { Resources = new LinuxContainerResources { CpuShares = 2 } },
        };
        container.Command.AddRange(["sleep", "3600"]);
        container.Labels["io.kubernetes.pod.uid"] = uid;
        container.Labels["io.kubernetes.container.name"] = "main";

        var watch = Stopwatch.StartNew();
        var id = await runtime.RunPodSandboxAsync(sandbox, string.Empty, cancellationToken);
        var cid = await runtime.CreateContainerAsync(id, container, sandbox, cancellationToken);
        await runtime.StartContainerAsync(cid, cancellationToken);
        return watch.Elapsed.TotalMilliseconds;
    }
}
