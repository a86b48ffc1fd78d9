namespace Sharplet.Api;

/// <summary>core/v1 URIScheme values.</summary>
internal static class URIScheme
{
    public const string Http = "HTTP";

    public const string Https = "HTTPS";
}
