namespace Sharplet.Volumes;

// The layout of per-pod state under --root-dir, as upstream's: pods/<uid>/volumes/<plugin>/<name>,
// pods/<uid>/containers/<name>/..., pods/<uid>/etc-hosts.
internal sealed class PodDirectories(string rootDir)
{
    public string RootDir { get; } = rootDir;

    public string PodsDir => Path.Combine(RootDir, "pods");

    public string PodDir(string uid) => Path.Combine(PodsDir, uid);

    public string VolumesDir(string uid) => Path.Combine(PodDir(uid), "volumes");

    public string VolumeDir(string uid, string plugin, string name) => Path.Combine(VolumesDir(uid), plugin, name);

    public string ContainerDir(string uid, string container) => Path.Combine(PodDir(uid), "containers", container);

    public string TerminationLogPath(string uid, string container, int restartCount) =>
        Path.Combine(ContainerDir(uid, container), $"{restartCount}.termination-log");

    public string EtcHostsPath(string uid) => Path.Combine(PodDir(uid), "etc-hosts");

    public IEnumerable<string> ExistingPodUids() =>
        Directory.Exists(PodsDir) ? Directory.EnumerateDirectories(PodsDir).Select(Path.GetFileName).OfType<string>() : [];
}
