using Sharplet.Api;
using Sharplet.Cri.V1;

namespace Sharplet.KubeRuntime;

// The pod's resolv.conf as upstream's dns.Configurer builds it: Default copies the node's; ClusterFirst points
// at the cluster DNS with the namespace search path (and falls back to Default when no cluster DNS is set, as
// upstream does with a warning); None takes only the pod's dnsConfig, which the other policies merge in too.
internal sealed class DnsConfigurer(RuntimeSettings settings)
{
    public DNSConfig Build(Pod pod)
    {
        var spec = pod.Spec!;
        var policy = spec.DnsPolicy ?? DNSPolicy.ClusterFirst;
        if (spec.HostNetwork == true && policy == DNSPolicy.ClusterFirst)
        {
            policy = DNSPolicy.Default;
        }
        else if (policy == DNSPolicy.ClusterFirstWithHostNet)
        {
            policy = DNSPolicy.ClusterFirst;
        }

        if (policy == DNSPolicy.ClusterFirst && settings.ClusterDns.Count == 0)
        {
            policy = DNSPolicy.Default;
        }

        List<string> servers = [], searches = [], options = [];
        switch (policy)
        {
            case DNSPolicy.Default:
                (servers, searches, options) = ReadHost();
                break;
            case DNSPolicy.ClusterFirst:
                var ns = pod.Metadata?.Namespace ?? "default";
                servers = [.. settings.ClusterDns];
                searches = ReadHost().Searches;
                if (!string.IsNullOrEmpty(settings.ClusterDomain))
                {
                    searches = [$"{ns}.svc.{settings.ClusterDomain}", $"svc.{settings.ClusterDomain}", settings.ClusterDomain, .. searches];
                }

                options = ["ndots:5"];
                break;
            default:
                break;
        }

        if (spec.DnsConfig is { } extra)
        {
            servers.AddRange(extra.Nameservers ?? []);
            searches.AddRange(extra.Searches ?? []);
            options = MergeOptions(options, (extra.Options ?? []).Select(o => string.IsNullOrEmpty(o.Value) ? o.Name ?? string.Empty : $"{o.Name}:{o.Value}"));
        }

        var config = new DNSConfig();
        config.Servers.AddRange(servers.Distinct(StringComparer.Ordinal).Take(MaxNameservers));
        config.Searches.AddRange(FitSearches(searches.Distinct(StringComparer.Ordinal)));
        config.Options.AddRange(options);
        return config;
    }

    // Upstream's limits (formDNSConfigFitsLimits): three nameservers, 32 search domains of at most 253 characters
    // each, 2048 characters in all; what is over is left out, the last domains first.
    private const int MaxNameservers = 3;
    private const int MaxSearchPaths = 32;
    private const int MaxSearchDomainLength = 253;
    private const int MaxSearchLineLength = 2048;

    private static List<string> FitSearches(IEnumerable<string> searches)
    {
        var fitted = searches.Take(MaxSearchPaths).Where(s => s.Length <= MaxSearchDomainLength).ToList();
        while (fitted.Count > 0 && string.Join(' ', fitted).Length > MaxSearchLineLength)
        {
            fitted.RemoveAt(fitted.Count - 1);
        }

        return fitted;
    }

    // One entry per option name, a later one replacing an earlier one in its place (upstream keys them by name).
    private static List<string> MergeOptions(IEnumerable<string> existing, IEnumerable<string> added)
    {
        var merged = new List<string>();
        foreach (var option in existing.Concat(added))
        {
            var name = option.Split(':')[0];
            var index = merged.FindIndex(o => o.Split(':')[0] == name);
            if (index >= 0)
            {
                merged[index] = option;
            }
            else
            {
                merged.Add(option);
            }
        }

        return merged;
    }

    // The node's resolv.conf as upstream parses it: nameservers accumulate, the last search line wins (domains
    // without their trailing dot, "." dropped), options merge by name; lines starting with '#' are comments.
    private (List<string> Servers, List<string> Searches, List<string> Options) ReadHost()
    {
        var servers = new List<string>();
        var searches = new List<string>();
        var options = new List<string>();
        if (!File.Exists(settings.ResolvConf))
        {
            return (servers, searches, options);
        }

        foreach (var raw in File.ReadLines(settings.ResolvConf))
        {
            var line = raw.Trim();
            if (line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0)
            {
                continue;
            }

            switch (fields[0])
            {
                case "nameserver" when fields.Length > 1:
                    servers.Add(fields[1]);
                    break;
                case "search":
                    searches = fields.Skip(1).Where(d => d != ".").Select(d => d.TrimEnd('.')).ToList();
                    break;
                case "options":
                    options = MergeOptions(options, fields.Skip(1));
                    break;
                default:
                    break;
            }
        }

        return (servers, searches, options);
    }
}
