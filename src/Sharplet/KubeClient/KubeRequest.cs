namespace Sharplet.KubeClient;

/// <summary>
/// One API call, kept as data so a retry can build a fresh HttpRequestMessage (a sent message cannot be resent).
/// </summary>
/// <param name="Path">The request path, e.g. /api/v1/namespaces/default/pods.</param>
/// <param name="Query">"?a=b…" or empty.</param>
internal sealed record KubeRequest(
    HttpMethod Method,
    string Path,
    string Query = "",
    ReadOnlyMemory<byte>? Body = null,
    string? ContentType = null,
    bool IsWatch = false)
{
    /// <summary>GETs (not watches) may be retried on 5xx: repeating them cannot change anything.</summary>
    public bool IsIdempotentRead => Method == HttpMethod.Get && !IsWatch;
}
