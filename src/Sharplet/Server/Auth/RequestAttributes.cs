namespace Sharplet.Server.Auth;

// Upstream's nodeAuthorizerAttributesGetter: every kubelet path is resource "nodes" named by the node, verb
// from the HTTP method, subresource "proxy" unless a more specific one applies. The fine-grained
// subresources (configz, healthz, pods, spec; KubeletFineGrainedAuthz, on by default since 1.33) are asked
// first and "proxy" second, so a client with only nodes/proxy keeps working. Streaming paths (exec, attach,
// portForward, run) are "create" whatever the method, a WebSocket GET included.
internal static class RequestAttributes
{
    private static readonly string[] StreamingPaths = ["/exec", "/attach", "/portForward", "/run"];

    public static IReadOnlyList<ResourceAttributes> For(string method, string path, string nodeName)
    {
        var verb = method switch
        {
            "POST" => "create",
            "GET" or "HEAD" => "get",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => "delete",
            _ => string.Empty,
        };
        if (StreamingPaths.Any(p => IsSubpath(path, p)))
        {
            verb = "create";
        }

        ResourceAttributes With(string subresource) => new() { Verb = verb, Subresource = subresource, Name = nodeName };

        if (IsSubpath(path, "/stats"))
        {
            return [With("stats")];
        }

        if (IsSubpath(path, "/metrics"))
        {
            return [With("metrics")];
        }

        if (IsSubpath(path, "/logs"))
        {
            return [With("log")];
        }

        string? fine = path switch
        {
            _ when IsSubpath(path, "/pods") || IsSubpath(path, "/runningpods") => "pods",
            _ when IsSubpath(path, "/healthz") => "healthz",
            _ when IsSubpath(path, "/configz") => "configz",
            _ when IsSubpath(path, "/spec") => "spec",
            _ => null,
        };
        return fine is null ? [With("proxy")] : [With(fine), With("proxy")];
    }

    // Upstream's isSubpath: the path itself or anything below it ("/statsx" is not under "/stats").
    public static bool IsSubpath(string subpath, string path)
    {
        path = path.TrimEnd('/');
        return subpath == path || (subpath.StartsWith(path, StringComparison.Ordinal) && subpath.Length > path.Length && subpath[path.Length] == '/');
    }
}
