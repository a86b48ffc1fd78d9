namespace Sharplet.Api;

/// <summary>
/// The bounds of every input Sharplet decodes (static pod files, the KubeletConfiguration file, the kubeconfig,
/// control socket requests, API objects). Each is far above what a legitimate input reaches and low enough that
/// one hostile input cannot exhaust the stack or take more than a few MB; the README lists them.
/// </summary>
internal static class InputLimits
{
    /// <summary>
    /// Nesting of YAML collections and of JSON objects/arrays (System.Text.Json's default, made explicit). The deepest
    /// Pod path (spec.affinity...matchExpressions[].values[]) is about 10 levels; the recursive parts of the decoders
    /// are bounded by this, never by the stack.
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>A static pod manifest file or kubeconfig: upstream's API server refuses request bodies over 3 MiB.</summary>
    public const int MaxManifestFileBytes = 3 * 1024 * 1024;

    /// <summary>One YAML/JSON document (in characters): etcd stores API objects of at most ~1.5 MiB.</summary>
    public const int MaxDocumentChars = 1536 * 1024;

    /// <summary>Documents in one file; a node runs at most maxPods (110 by default) pods.</summary>
    public const int MaxDocumentsPerFile = 500;

    /// <summary>
    /// YAML nodes (scalars, keys included, and collections) in one document, counted while parsing and again
    /// after alias expansion ("billion laughs"); a pod of 20 containers with 100 env entries each has about 6,000.
    /// Measured: each value held by the parser costs ~600 bytes, so 100,000 took the agent +69 MB; 20,000 keeps one
    /// hostile document within the README's +20 MB.
    /// </summary>
    public const int MaxNodesPerDocument = 20_000;

    /// <summary>The KubeletConfiguration file (--config): a real one is a few KiB.</summary>
    public const int MaxConfigFileBytes = 256 * 1024;

    /// <summary>Containers of one pod (init, regular and ephemeral together); upstream has no limit.</summary>
    public const int MaxContainersPerPod = 100;

    /// <summary>env entries of one container; upstream has no limit (the runtime's argument space has).</summary>
    public const int MaxEnvPerContainer = 1000;

    /// <summary>volumes of one pod, and volumeMounts of one container; upstream has no limit.</summary>
    public const int MaxVolumesPerPod = 500;
}
