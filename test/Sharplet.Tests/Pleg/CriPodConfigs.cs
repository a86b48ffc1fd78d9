using Sharplet.Cri.V1;

namespace Sharplet.Tests.Pleg;

// Sandbox and container configs labelled as the kubelet labels them, for driving the fake runtime directly.
internal static class CriPodConfigs
{
    public static PodSandboxConfig Sandbox(string uid, string name = "web")
    {
        var config = new PodSandboxConfig { Metadata = new PodSandboxMetadata { Name = name, Namespace = "default", Uid = uid } };
        config.Labels.Add("io.kubernetes.pod.uid", uid);
        return config;
    }

    public static ContainerConfig Container(string uid, string name)
    {
        var config = new ContainerConfig { Metadata = new ContainerMetadata { Name = name }, Image = new ImageSpec { Image = "registry.example/app:1" } };
        config.Labels.Add("io.kubernetes.pod.uid", uid);
        config.Labels.Add("io.kubernetes.container.name", name);
        return config;
    }
}
