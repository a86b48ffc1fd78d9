using System.Globalization;
using Sharplet.Api;

namespace Sharplet.EnvVars;

// The environment a container gets from Services, as upstream's pkg/kubelet/envvars (FromServices) and the
// kubelet's getServiceEnvVarMap build it: the default namespace's `kubernetes` Service always (in-cluster
// clients read KUBERNETES_SERVICE_HOST/PORT), the pod's namespace's Services when enableServiceLinks is on,
// each as {NAME}_SERVICE_HOST/_SERVICE_PORT[_PORTNAME] plus the Docker-link {NAME}_PORT* variables.
internal static class ServiceEnvVars
{
    // Upstream's "master services": injected into every pod whatever enableServiceLinks says.
    public const string KubernetesService = "kubernetes";

    public const string DefaultNamespace = "default";

    // The variables for a pod in namespace `ns`. A Service of the pod's own namespace wins over the default
    // namespace's master Service of the same name, whatever order the lister returns them in.
    public static Dictionary<string, string> ForPod(IEnumerable<Service> services, string ns, bool enableServiceLinks)
    {
        var chosen = new Dictionary<string, Service>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var name = service.Metadata?.Name;
            if (string.IsNullOrEmpty(name) || !IsServiceIPSet(service))
            {
                continue;
            }

            var serviceNs = service.Metadata?.Namespace;
            if (serviceNs == DefaultNamespace && name == KubernetesService)
            {
                chosen.TryAdd(name, service);
            }
            else if (serviceNs == ns && enableServiceLinks)
            {
                chosen[name] = service;
            }
        }

        // Upstream walks a Go map (random order); sorted here so a name two Services both produce always
        // resolves the same way.
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in FromServices(chosen.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value)))
        {
            result[name] = value;
        }

        return result;
    }

    // upstream FromServices: the variables of each Service with a cluster IP, in order.
    public static List<KeyValuePair<string, string>> FromServices(IEnumerable<Service> services)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var service in services)
        {
            if (!IsServiceIPSet(service) || service.Metadata?.Name is not { Length: > 0 } serviceName)
            {
                continue;
            }

            var ip = service.Spec!.ClusterIP!;
            var ports = service.Spec.Ports ?? [];
            var prefix = VariableName(serviceName);
            result.Add(KeyValuePair.Create(prefix + "_SERVICE_HOST", ip));

            // Validation requires a port on every Service with a cluster IP; a malformed one just has fewer variables.
            if (ports.Count > 0)
            {
                var portName = prefix + "_SERVICE_PORT";
                result.Add(KeyValuePair.Create(portName, Number(ports[0].Number)));

                // Every named port (only the first may be unnamed).
                foreach (var port in ports.Where(p => !string.IsNullOrEmpty(p.Name)))
                {
                    result.Add(KeyValuePair.Create(portName + "_" + VariableName(port.Name!), Number(port.Number)));
                }
            }

            result.AddRange(LinkVariables(prefix, ip, ports));
        }

        return result;
    }

    // Headless ("None") and ExternalName (empty) Services have no address to link to.
    public static bool IsServiceIPSet(Service service) =>
        service.Spec?.ClusterIP is { Length: > 0 } ip && ip != "None";

    // Service names are DNS-1035 labels: upper-cased with '-' as '_' they are valid variable names.
    public static string VariableName(string name) => name.Replace('-', '_').ToUpperInvariant();

    // The variables Docker links defined: {NAME}_PORT for the first port, {NAME}_PORT_{port}_{PROTO}[_PROTO|_PORT|_ADDR].
    private static IEnumerable<KeyValuePair<string, string>> LinkVariables(string prefix, string ip, List<ServicePort> ports)
    {
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var protocol = string.IsNullOrEmpty(port.Protocol) ? Protocol.Tcp : port.Protocol;
            var lower = protocol.ToLowerInvariant();

            // IPv6 addresses are bracketed, as Go's net.JoinHostPort does.
            var url = $"{lower}://{JoinHostPort(ip, port.Number)}";
            if (i == 0)
            {
                yield return KeyValuePair.Create(prefix + "_PORT", url);
            }

            var portPrefix = $"{prefix}_PORT_{Number(port.Number)}_{protocol.ToUpperInvariant()}";
            yield return KeyValuePair.Create(portPrefix, url);
            yield return KeyValuePair.Create(portPrefix + "_PROTO", lower);
            yield return KeyValuePair.Create(portPrefix + "_PORT", Number(port.Number));
            yield return KeyValuePair.Create(portPrefix + "_ADDR", ip);
        }
    }

    private static string JoinHostPort(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{Number(port)}" : $"{host}:{Number(port)}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
