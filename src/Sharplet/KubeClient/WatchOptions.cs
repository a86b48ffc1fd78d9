using System.Globalization;

namespace Sharplet.KubeClient;

/// <summary>
/// Query parameters of a watch, plus the client-side timers: <see cref="IdleTimeout"/> ends a watch that has
/// received no bytes (events or bookmarks) for that long, because a connection can die without a FIN or RST
/// and a read would then wait forever (kubernetes-client/csharp#884).
/// </summary>
internal sealed record WatchOptions(
    string? ResourceVersion,
    TimeSpan ServerTimeout,
    TimeSpan IdleTimeout,
    string? LabelSelector = null,
    string? FieldSelector = null,
    bool AllowWatchBookmarks = true)
{
    internal string ToQuery() => new QueryBuilder()
        .Add("watch", "true")
        .Add("resourceVersion", ResourceVersion)
        .Add("allowWatchBookmarks", AllowWatchBookmarks ? "true" : null)
        .Add("timeoutSeconds", ((long)Math.Max(1, ServerTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture))
        .Add("labelSelector", LabelSelector)
        .Add("fieldSelector", FieldSelector)
        .ToString();
}
