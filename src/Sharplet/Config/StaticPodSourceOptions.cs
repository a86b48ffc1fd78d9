namespace Sharplet.Config;

internal sealed record StaticPodSourceOptions
{
    // --pod-manifest-path / staticPodPath: a directory of manifests, or a single manifest file.
    public string? Path { get; init; }

    // fileCheckFrequency: the periodic rescan under the file watcher, which can miss events (NFS, overlays).
    public TimeSpan CheckFrequency { get; init; } = TimeSpan.FromSeconds(20);

    // The per-file deadline of one read and decode: a file on a hung filesystem costs its own update only.
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public required string NodeName { get; init; }
}
