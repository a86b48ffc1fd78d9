using System.Text;
using Sharplet.Api;
using Sharplet.EnvVars;
using Sharplet.KubeContainer;
using Sharplet.Pods;

namespace Sharplet.KubeRuntime;

// The environment of a container, as upstream's makeEnvironmentVariables builds it: envFrom sources first, then
// env entries in order, each value expanded against the variables defined before it and then the service
// variables; later names win; last the service variables (ServiceEnvVars) the container does not define itself.
internal sealed class EnvironmentBuilder(IPodObjectSource objects, IServiceSource services)
{
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> BuildAsync(
        Pod pod, Container container, NodeContext node, IReadOnlyList<string> podIps, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata?.Namespace ?? "default";
        var serviceEnv = await ServiceEnvironmentAsync(pod, ns, cancellationToken).ConfigureAwait(false);
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Set(string name, string value)
        {
            if (!env.ContainsKey(name))
            {
                order.Add(name);
            }

            env[name] = value;
        }

        foreach (var source in container.EnvFrom ?? [])
        {
            foreach (var (key, value) in await FromSourceAsync(ns, source, cancellationToken).ConfigureAwait(false))
            {
                Set((source.Prefix ?? string.Empty) + key, value);
            }
        }

        foreach (var variable in container.Env ?? [])
        {
            string? value;
            if (variable.ValueFrom is { } from)
            {
                value = await ResolveAsync(pod, container, node, podIps, ns, variable.Name, from, cancellationToken).ConfigureAwait(false);
                if (value is null)
                {
                    continue;
                }
            }
            else
            {
                value = VariableExpansion.Expand(variable.Value ?? string.Empty, name => env.GetValueOrDefault(name) ?? serviceEnv.GetValueOrDefault(name));
            }

            Set(variable.Name, value);
        }

        var result = order.Select(n => KeyValuePair.Create(n, env[n])).ToList();
        result.AddRange(serviceEnv.Where(kv => !env.ContainsKey(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal));
        return result;
    }

    // Static pods use whatever Services are known (upstream does not make them wait for the first list: a
    // node's control-plane static pods start before any API server answers).
    private async Task<Dictionary<string, string>> ServiceEnvironmentAsync(Pod pod, string ns, CancellationToken cancellationToken)
    {
        var known = await services.ListAsync(!ConfigAnnotations.IsStatic(pod), cancellationToken).ConfigureAwait(false);
        return known is null
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : ServiceEnvVars.ForPod(known, ns, pod.Spec?.EnableServiceLinks ?? true);
    }

    private async Task<IEnumerable<KeyValuePair<string, string>>> FromSourceAsync(string ns, EnvFromSource source, CancellationToken cancellationToken)
    {
        if (source.ConfigMapRef is { } cmRef)
        {
            var cm = await GetConfigMapAsync(ns, cmRef.Name ?? string.Empty, cmRef.Optional == true, cancellationToken).ConfigureAwait(false);
            return cm?.Data ?? (IEnumerable<KeyValuePair<string, string>>)[];
        }

        if (source.SecretRef is { } secretRef)
        {
            var secret = await GetSecretAsync(ns, secretRef.Name ?? string.Empty, secretRef.Optional == true, cancellationToken).ConfigureAwait(false);
            return secret?.Data?.Select(kv => KeyValuePair.Create(kv.Key, Encoding.UTF8.GetString(kv.Value))) ?? [];
        }

        return [];
    }

    private async Task<string?> ResolveAsync(
        Pod pod, Container container, NodeContext node, IReadOnlyList<string> podIps, string ns, string variable, EnvVarSource from, CancellationToken cancellationToken)
    {
        if (from.FieldRef is { } field)
        {
            return FieldValue(pod, node, podIps, field.FieldPath)
                ?? throw new ContainerConfigException($"env {variable}: unsupported fieldRef fieldPath \"{field.FieldPath}\"");
        }

        if (from.ResourceFieldRef is { } resource)
        {
            return ResourceValue(pod, container, node, resource, variable);
        }

        if (from.ConfigMapKeyRef is { } cmKey)
        {
            var optional = cmKey.Optional == true;
            var cm = await GetConfigMapAsync(ns, cmKey.Name ?? string.Empty, optional, cancellationToken).ConfigureAwait(false);
            if (cm is null)
            {
                return null;
            }

            if (cm.Data?.TryGetValue(cmKey.Key, out var value) == true)
            {
                return value;
            }

            return optional ? null : throw new ContainerConfigException($"couldn't find key {cmKey.Key} in ConfigMap {ns}/{cmKey.Name}");
        }

        if (from.SecretKeyRef is { } secretKey)
        {
            var optional = secretKey.Optional == true;
            var secret = await GetSecretAsync(ns, secretKey.Name ?? string.Empty, optional, cancellationToken).ConfigureAwait(false);
            if (secret is null)
            {
                return null;
            }

            if (secret.Data?.TryGetValue(secretKey.Key, out var bytes) == true)
            {
                return Encoding.UTF8.GetString(bytes);
            }

            return optional ? null : throw new ContainerConfigException($"couldn't find key {secretKey.Key} in Secret {ns}/{secretKey.Name}");
        }

        throw new ContainerConfigException($"env {variable}: valueFrom names no source Sharplet supports");
    }

    private async Task<ConfigMap?> GetConfigMapAsync(string ns, string name, bool optional, CancellationToken cancellationToken)
    {
        if (objects.UnavailableReason is { } why)
        {
            return optional ? null : throw new ContainerConfigException($"configmap \"{name}\": {why}");
        }

        var cm = await objects.GetConfigMapAsync(ns, name, cancellationToken).ConfigureAwait(false);
        return cm ?? (optional ? null : throw new ContainerConfigException($"configmap \"{name}\" not found"));
    }

    private async Task<Secret?> GetSecretAsync(string ns, string name, bool optional, CancellationToken cancellationToken)
    {
        if (objects.UnavailableReason is { } why)
        {
            return optional ? null : throw new ContainerConfigException($"secret \"{name}\": {why}");
        }

        var secret = await objects.GetSecretAsync(ns, name, cancellationToken).ConfigureAwait(false);
        return secret ?? (optional ? null : throw new ContainerConfigException($"secret \"{name}\" not found"));
    }

    // The downward API fields upstream allows in env (podFieldSelectorRuntimeValue).
    internal static string? FieldValue(Pod pod, NodeContext node, IReadOnlyList<string> podIps, string path) =>
        DownwardApi.FieldValue(pod, node, podIps, path);

    internal static string ResourceValue(Pod pod, Container container, NodeContext node, ResourceFieldSelector selector, string variable) =>
        DownwardApi.ResourceValue(pod, container, node, selector, out var error)
            ?? throw new ContainerConfigException($"env {variable}: {error}");
}
