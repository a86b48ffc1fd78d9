namespace Sharplet.KubeClient;

/// <summary>The three patch flavours the API server accepts, told apart by Content-Type.</summary>
internal enum KubePatchType
{
    /// <summary>RFC 7386 JSON merge patch: objects merge, lists are replaced whole.</summary>
    Merge,

    /// <summary>Kubernetes' strategic merge: lists with a merge key (containers by name, conditions by type) merge per item.</summary>
    StrategicMerge,

    /// <summary>RFC 6902 JSON patch: a list of operations.</summary>
    Json,
}
