namespace Sharplet.KubeClient;

/// <summary>Query parameters of a LIST. An unset ResourceVersion asks for a consistent (quorum) read.</summary>
internal sealed record ListOptions(
    string? LabelSelector = null,
    string? FieldSelector = null,
    string? ResourceVersion = null,
    int? Limit = null,
    string? Continue = null)
{
    internal string ToQuery() => new QueryBuilder()
        .Add("labelSelector", LabelSelector)
        .Add("fieldSelector", FieldSelector)
        .Add("resourceVersion", ResourceVersion)
        .Add("limit", Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Add("continue", Continue)
        .ToString();
}
