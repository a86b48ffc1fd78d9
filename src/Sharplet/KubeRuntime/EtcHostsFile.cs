using System.Text;
using Sharplet.Api;

namespace Sharplet.KubeRuntime;

// The /etc/hosts a pod on the pod network sees, in upstream's format: loopback entries, the pod's own IPs and
// names, then spec.hostAliases.
internal static class EtcHostsFile
{
    public static void Write(string path, Pod pod, IReadOnlyList<string> podIps)
    {
        var sb = new StringBuilder();
        sb.Append("# Kubernetes-managed hosts file.\n");
        sb.Append("127.0.0.1\tlocalhost\n");
        sb.Append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        sb.Append("fe00::0\tip6-localnet\n");
        sb.Append("fe00::0\tip6-mcastprefix\n");
        sb.Append("fe00::1\tip6-allnodes\n");
        sb.Append("fe00::2\tip6-allrouters\n");
        var hostname = string.IsNullOrEmpty(pod.Spec?.Hostname) ? pod.Metadata?.Name : pod.Spec.Hostname;
        foreach (var ip in podIps)
        {
            sb.Append(ip).Append('\t').Append(hostname).Append('\n');
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
}
