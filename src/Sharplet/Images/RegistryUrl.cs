namespace Sharplet.Images;

// A schemeless registry location ("host[:port][/path]") split the way upstream's credentialprovider does it
// (ParseSchemelessURL and SplitURL: url.Parse of "https://" + location, net.SplitHostPort of its host), and
// URLsMatch: the same number of dot-separated host parts, each matched as a glob, the same port, and the
// credential's path a prefix of the image's.
internal sealed record RegistryUrl(string Host, string Path)
{
    public static RegistryUrl Parse(string schemeless)
    {
        var end = schemeless.IndexOfAny(['?', '#']);
        var text = end >= 0 ? schemeless[..end] : schemeless;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? new RegistryUrl(text[..slash], text[slash..]) : new RegistryUrl(text, string.Empty);
    }

    public static bool Matches(string glob, string target) => Parse(glob).Matches(Parse(target));

    // This location, holding globs in its host parts, matches the target location.
    public bool Matches(RegistryUrl target)
    {
        var (globParts, globPort) = SplitHost(Host);
        var (targetParts, targetPort) = SplitHost(target.Host);
        if (globPort != targetPort || globParts.Length != targetParts.Length || !target.Path.StartsWith(Path, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < globParts.Length; i++)
        {
            // A malformed pattern matches nothing (upstream ignores filepath.Match's error).
            if (!GlobMatch.TryMatch(globParts[i], targetParts[i], out var matched) || !matched)
            {
                return false;
            }
        }

        return true;
    }

    // net.SplitHostPort; when it fails (no port, too many colons) the whole host is the name and the port empty.
    private static (string[] Parts, string Port) SplitHost(string host)
    {
        string name;
        string port;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= host.Length || host[close + 1] != ':')
            {
                return (host.Split('.'), string.Empty);
            }

            name = host[1..close];
            port = host[(close + 2)..];
        }
        else
        {
            var colon = host.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || host.IndexOf(':', colon + 1) >= 0)
            {
                return (host.Split('.'), string.Empty);
            }

            name = host[..colon];
            port = host[(colon + 1)..];
        }

        return (name.Split('.'), port);
    }
}
