namespace Sharplet.Server.Auth;

// What a request does in the API's terms: for the kubelet always resource "nodes" of group "" version "v1",
// named by the node, with a subresource that tells its paths apart.
internal sealed record ResourceAttributes
{
    public string Namespace { get; init; } = string.Empty;

    public string Verb { get; init; } = string.Empty;

    public string Group { get; init; } = string.Empty;

    public string Version { get; init; } = "v1";

    public string Resource { get; init; } = "nodes";

    public string Subresource { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;
}
