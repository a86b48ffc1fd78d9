namespace Sharplet.Server;

// One request to the agent's own HTTP server. ViaControlSocket tells the root-only unix socket from the healthz
// TCP port: the pod and log paths answer only there.
internal sealed record LocalRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, bool ViaControlSocket)
{
    public string? this[string name] => Query.TryGetValue(name, out var value) ? value : null;
}
