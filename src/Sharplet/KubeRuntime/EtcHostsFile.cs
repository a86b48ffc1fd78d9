using System.Text;
using Sharplet.Api;

namespace Sharplet.KubeRuntime;

// The /etc/hosts the kubelet mounts into every container (upstream ensureHostsFile): on the pod network, the
// loopback entries and the pod's own IPs with its hostname (and FQDN when spec.subdomain is set); on the host
// network, the node's own hosts file. Both end with spec.hostAliases.
internal static class EtcHostsFile
{
    public const string NodeHostsFile = "/etc/hosts";

    private const int HostnameMaxLength = 63;

    public static void Write(string path, Pod pod, IReadOnlyList<string> podIps, string clusterDomain, string nodeHostsFile = NodeHostsFile)
    {
        var sb = new StringBuilder();
        if (pod.Spec?.HostNetwork == true)
        {
            sb.Append("# Kubernetes-managed hosts file (host network).\n");
            sb.Append(File.ReadAllText(nodeHostsFile));
        }
        else
        {
            sb.Append("# Kubernetes-managed hosts file.\n");
            sb.Append("127.0.0.1\tlocalhost\n");
            sb.Append("::1\tlocalhost ip6-localhost ip6-loopback\n");
            sb.Append("fe00::0\tip6-localnet\n");
            sb.Append("fe00::0\tip6-mcastprefix\n");
            sb.Append("fe00::1\tip6-allnodes\n");
            sb.Append("fe00::2\tip6-allrouters\n");
            var (hostname, domain) = HostnameAndDomain(pod, clusterDomain);
            foreach (var ip in podIps)
            {
                sb.Append(ip).Append('\t');
                if (domain is not null)
                {
                    sb.Append(hostname).Append('.').Append(domain).Append('\t');
                }

                sb.Append(hostname).Append('\n');
            }
        }

        var aliases = pod.Spec?.HostAliases ?? [];
        if (aliases.Count > 0)
        {
            sb.Append("\n# Entries added by HostAliases.\n");
            foreach (var alias in aliases)
            {
                sb.Append(alias.IP).Append('\t').Append(string.Join('\t', alias.Hostnames ?? [])).Append('\n');
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = sb.ToString();
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }
    }

    // Upstream GeneratePodHostNameAndDomain: spec.hostname or the pod name, cut to 63 characters without a
    // trailing '-' or '.'; the domain "<subdomain>.<namespace>.svc.<cluster domain>" when spec.subdomain is set.
    internal static (string Hostname, string? Domain) HostnameAndDomain(Pod pod, string clusterDomain)
    {
        var hostname = string.IsNullOrEmpty(pod.Spec?.Hostname) ? pod.Metadata?.Name ?? string.Empty : pod.Spec.Hostname;
        if (hostname.Length > HostnameMaxLength)
        {
            hostname = hostname[..HostnameMaxLength].TrimEnd('-', '.');
        }

        var domain = string.IsNullOrEmpty(pod.Spec?.Subdomain) ? null : $"{pod.Spec.Subdomain}.{pod.Metadata?.Namespace}.svc.{clusterDomain}";
        return (hostname, domain);
    }
}
