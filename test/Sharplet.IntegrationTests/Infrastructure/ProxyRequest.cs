namespace Sharplet.IntegrationTests.Infrastructure;

// A request as a fault rule sees it.
internal sealed record ProxyRequest(string Method, string Path, string Query)
{
    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal) || Query.Contains("watch=1", StringComparison.Ordinal);
}
