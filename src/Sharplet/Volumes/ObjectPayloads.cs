using Sharplet.Api;

namespace Sharplet.Volumes;

// The files of a configMap or secret source (a volume, or one source of a projected volume): the object is
// read for the pod, a missing object is an empty set when optional and a failure naming it otherwise.
internal sealed class ObjectPayloads(IVolumeObjectSource objects)
{
    public async Task<Dictionary<string, FileProjection>> ConfigMapAsync(
        Pod pod, string? name, IReadOnlyList<KeyToPath>? items, int defaultMode, bool optional, CancellationToken cancellationToken)
    {
        var (uid, ns) = Identify(pod, "configmap", name, optional);
        var configMap = await objects.GetConfigMapAsync(uid, ns, name!, cancellationToken).ConfigureAwait(false);
        if (configMap is null)
        {
            return optional ? [] : throw new VolumeObjectException($"configmap \"{name}\" not found in namespace \"{ns}\"");
        }

        return KeyedPayload.Make(KeyedPayload.Of(configMap), items, defaultMode, optional, "configmap", $"{ns}/{name}");
    }

    public async Task<Dictionary<string, FileProjection>> SecretAsync(
        Pod pod, string? name, IReadOnlyList<KeyToPath>? items, int defaultMode, bool optional, CancellationToken cancellationToken)
    {
        var (uid, ns) = Identify(pod, "secret", name, optional);
        var secret = await objects.GetSecretAsync(uid, ns, name!, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return optional ? [] : throw new VolumeObjectException($"secret \"{name}\" not found in namespace \"{ns}\"");
        }

        return KeyedPayload.Make(secret.Data ?? [], items, defaultMode, optional, "secret", $"{ns}/{name}");
    }

    public void ReleasePod(string uid) => objects.ReleasePod(uid);

    private (string Uid, string Namespace) Identify(Pod pod, string kind, string? name, bool optional)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new VolumeObjectException($"the {kind} source names no {kind}");
        }

        if (objects.UnavailableReason is { } why)
        {
            throw new VolumeObjectException($"{kind} \"{name}\"{(optional ? " (optional)" : string.Empty)}: {why}");
        }

        return (pod.Metadata?.Uid ?? string.Empty, pod.Metadata?.Namespace ?? "default");
    }
}
