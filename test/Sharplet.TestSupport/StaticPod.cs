using Sharplet.Api;

namespace Sharplet.TestSupport;

// A static pod manifest as the integration tests and the bench write it into a node's manifest folder: built
// as the API type, then written as YAML (or JSON) through the source-generated context, so a test names only
// the fields it is about and every manifest is well-formed. Tests of malformed input keep their literal text.
internal sealed class StaticPod
{
    public const string BusyboxImage = "busybox";

    private readonly Pod pod;

    public StaticPod(string name) => pod = new Pod
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new ObjectMeta { Name = name },
        Spec = new PodSpec { Containers = [] },
    };

    public string Name => pod.Metadata!.Name!;

    // The pod most tests start from: one container "main" (busybox, IfNotPresent) running `sleep 3600`, stopped
    // within a 1 s grace period.
    public static StaticPod Sleeper(string name) => new StaticPod(name).GracePeriod(1).Busybox("main", "sleep", "3600");

    // A busybox container that is pulled only when absent (the local node has it), with its command.
    public static Container BusyboxContainer(string name, params string[] command) => new()
    {
        Name = name,
        Image = BusyboxImage,
        ImagePullPolicy = PullPolicy.IfNotPresent,
        Command = command.Length == 0 ? null : [.. command],
    };

    public StaticPod Busybox(string name, params string[] command) => Container(BusyboxContainer(name, command));

    // A busybox container running `sh -c script`.
    public StaticPod Shell(string name, string script) => Busybox(name, "sh", "-c", script);

    public StaticPod Container(Container container)
    {
        pod.Spec!.Containers!.Add(container);
        return this;
    }

    public StaticPod Container(string name, string image, Action<Container>? configure = null)
    {
        var container = new Container { Name = name, Image = image };
        configure?.Invoke(container);
        return Container(container);
    }

    public StaticPod Init(Container container)
    {
        (pod.Spec!.InitContainers ??= []).Add(container);
        return this;
    }

    // An init container that runs beside the main ones (restartPolicy Always).
    public StaticPod Sidecar(Container container)
    {
        container.RestartPolicy = ContainerRestartPolicy.Always;
        return Init(container);
    }

    // Changes the container added last (its probes, mounts, resources, ...).
    public StaticPod With(Action<Container> configure)
    {
        configure(pod.Spec!.Containers![^1]);
        return this;
    }

    public StaticPod GracePeriod(long seconds)
    {
        pod.Spec!.TerminationGracePeriodSeconds = seconds;
        return this;
    }

    public StaticPod RestartPolicy(string policy)
    {
        pod.Spec!.RestartPolicy = policy;
        return this;
    }

    public StaticPod Namespace(string ns)
    {
        pod.Metadata!.Namespace = ns;
        return this;
    }

    public StaticPod Label(string key, string value)
    {
        (pod.Metadata!.Labels ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
        return this;
    }

    public StaticPod Volume(Volume volume)
    {
        (pod.Spec!.Volumes ??= []).Add(volume);
        return this;
    }

    public StaticPod EmptyDir(string name, string? medium = null) =>
        Volume(new Volume { Name = name, EmptyDir = new EmptyDirVolumeSource { Medium = medium } });

    public StaticPod HostPath(string name, string path, string? type = null) =>
        Volume(new Volume { Name = name, HostPath = new HostPathVolumeSource { Path = path, Type = type } });

    // Mounts a volume into the container added last.
    public StaticPod Mount(string volume, string mountPath, bool? readOnly = null) =>
        With(c => (c.VolumeMounts ??= []).Add(new VolumeMount { Name = volume, MountPath = mountPath, ReadOnly = readOnly }));

    public StaticPod Spec(Action<PodSpec> configure)
    {
        configure(pod.Spec!);
        return this;
    }

    public StaticPod Meta(Action<ObjectMeta> configure)
    {
        configure(pod.Metadata!);
        return this;
    }

    public Pod Build() => pod;

    public string ToJson() => KubeJson.Serialize(pod);

    public string ToYaml() => ManifestYaml.FromJson(ToJson());
}
