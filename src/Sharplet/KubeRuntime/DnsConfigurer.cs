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

        var config = new DNSConfig();
        switch (policy)
        {
            case DNSPolicy.Default:
                var host = ReadHost();
                config.Servers.AddRange(host.Servers);
                config.Searches.AddRange(host.Searches);
                config.Options.AddRange(host.Options);
                break;
            case DNSPolicy.ClusterFirst:
                var ns = pod.Metadata?.Namespace ?? "default";
                config.Servers.AddRange(settings.ClusterDns);
                config.Searches.AddRange([$"{ns}.svc.{settings.ClusterDomain}", $"svc.{settings.ClusterDomain}", settings.ClusterDomain]);
                config.Searches.AddRange(ReadHost().Searches);
                config.Options.Add("ndots:5");
                break;
            default:
                break;
        }

        if (spec.DnsConfig is { } extra)
        {
            config.Servers.AddRange((extra.Nameservers ?? []).Where(s => !config.Servers.Contains(s)));
            config.Searches.AddRange((extra.Searches ?? []).Where(s => !config.Searches.Contains(s)));
            foreach (var option in extra.Options ?? [])
            {
                var text = option.Value is null ? option.Name : $"{option.Name}:{option.Value}";
                var existing = config.Options.FirstOrDefault(o => o.Split(':')[0] == option.Name);
                if (existing is not null)
                {
                    config.Options.Remove(existing);
                }

                config.Options.Add(text ?? string.Empty);
            }
        }

        return config;
    }

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
            var line = raw.Split('#', ';')[0];
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }

            switch (fields[0])
            {
                case "nameserver": servers.Add(fields[1]); break;
                case "search": searches.Clear(); searches.AddRange(fields.Skip(1)); break;
                case "options": options.AddRange(fields.Skip(1)); break;
                default: break;
            }
        }

        return (servers, searches, options);
    }
}
