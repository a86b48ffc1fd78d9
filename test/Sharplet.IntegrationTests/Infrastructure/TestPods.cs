using Sharplet.Cri.V1;

namespace Sharplet.IntegrationTests.Infrastructure;

// Raw CRI configurations for the facade tests (no kubelet logic involved).
internal static class TestPods
{
    public static PodSandboxConfig Sandbox(string name, string logRoot)
    {
        var uid = Guid.NewGuid().ToString();
        var config = new PodSandboxConfig
        {
            Metadata = new PodSandboxMetadata { Name = name, Namespace = "sharplet-test", Uid = uid, Attempt = 0 },
            Hostname = name,
            LogDirectory = Path.Combine(logRoot, $"sharplet-test_{name}_{uid}"),
            Linux = new LinuxPodSandboxConfig { CgroupParent = $"/kubepods/besteffort/pod{uid}" },
        };
        config.Labels.Add("io.kubernetes.pod.name", name);
        config.Labels.Add("io.kubernetes.pod.namespace", "sharplet-test");
        config.Labels.Add("io.kubernetes.pod.uid", uid);
        config.Labels.Add("sharplet.io/node-name", "cri-facade-tests");
        Directory.CreateDirectory(config.LogDirectory);
        return config;
    }

    public static ContainerConfig Container(string name, string image, params string[] command)
    {
        var config = new ContainerConfig
        {
            Metadata = new ContainerMetadata { Name = name, Attempt = 0 },
            Image = new ImageSpec { Image = image },
            LogPath = $"{name}/0.log",
            Linux = new LinuxContainerConfig(),
        };
        config.Command.AddRange(command);
        config.Labels.Add("io.kubernetes.container.name", name);
        return config;
    }
}
