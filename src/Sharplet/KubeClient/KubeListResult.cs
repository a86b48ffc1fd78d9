namespace Sharplet.KubeClient;

/// <summary>All items of a (paged) list and the resourceVersion of that snapshot, where a watch continues.</summary>
internal sealed record KubeListResult<T>(IReadOnlyList<T> Items, string ResourceVersion);
