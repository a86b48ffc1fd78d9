namespace Sharplet.Images;

// Upstream's BasicDockerKeyring (pkg/credentialprovider/keyring.go): credentials indexed by registry location,
// looked up by the normalized repository an image is pulled from. Locations are normalized as upstream does
// (scheme dropped; a /v1/ or /v2/ path means the bare host); lookups try the index in reverse lexical order,
// so "quay.io/team" is tried before "quay.io", and every match's credentials are returned in that order for
// the pull to try one after another. Docker Hub's "index.docker.io" also serves images of its familiar names.
internal sealed class DockerKeyring
{
    private const string DefaultRegistryHost = "index.docker.io";

    private readonly Dictionary<string, List<RegistryCredential>> credentials = new(StringComparer.Ordinal);
    private string[] index = [];

    public bool IsEmpty => index.Length == 0;

    public void Add(string location, RegistryCredential credential)
    {
        var key = Key(location);
        if (!credentials.TryGetValue(key, out var list))
        {
            credentials[key] = list = [];
        }

        list.Add(credential);
        index = [.. credentials.Keys.OrderDescending(StringComparer.Ordinal)];
    }

    // The repository as upstream's ParseImageName names it: "docker.io/library/busybox", "127.0.0.1:5000/team/app".
    public IReadOnlyList<RegistryCredential> Lookup(string repository)
    {
        var found = new List<RegistryCredential>();
        foreach (var key in index)
        {
            if (RegistryUrl.Matches(key, repository))
            {
                found.AddRange(credentials[key]);
            }
        }

        if (found.Count == 0 && IsDefaultRegistry(repository) && credentials.TryGetValue(DefaultRegistryHost, out var hub))
        {
            found.AddRange(hub);
        }

        return found;
    }

    // "https://index.docker.io/v1/" -> "index.docker.io"; "registry.example/team" stays; "http://host:5000/v2/" -> "host:5000".
    internal static string Key(string location)
    {
        var rest = location;
        foreach (var scheme in (string[])["https://", "http://"])
        {
            if (rest.StartsWith(scheme, StringComparison.Ordinal))
            {
                rest = rest[scheme.Length..];
                break;
            }
        }

        var url = RegistryUrl.Parse(rest);
        var path = url.Path.StartsWith("/v1/", StringComparison.Ordinal) || url.Path.StartsWith("/v2/", StringComparison.Ordinal)
            ? url.Path[3..]
            : url.Path;
        return path.Length > 0 && path != "/" ? url.Host + path : url.Host;
    }

    // Docker treats a first component without '.' or ':' as a Docker Hub user, not a registry.
    private static bool IsDefaultRegistry(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        var first = slash >= 0 ? repository[..slash] : repository;
        if (first.Length == 0)
        {
            return false;
        }

        return slash < 0 || first is "docker.io" or DefaultRegistryHost || first.IndexOfAny(['.', ':']) < 0;
    }
}
