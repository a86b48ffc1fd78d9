using System.Text;
using Sharplet.Api;
using Sharplet.Api.Defaulting;
using Sharplet.Pods;

namespace Sharplet.Volumes;

// projected: serviceAccountToken, configMap, secret and downwardAPI sources merged into one tmpfs volume (the
// kube-api-access-* volume of every pod a cluster sends: token, ca.crt, namespace). Later sources win a path
// both write, as upstream's collectData.
internal sealed class ProjectedPlugin(ObjectPayloads objects, IServiceAccountTokenSource tokens, NodeContext node, ProjectedFiles files) : IVolumePlugin
{
    public string Name => "kubernetes.io~projected";

    public bool RequiresRemount => true;

    public bool CanHandle(Volume volume) => volume.Projected is not null;

    public async Task<MountedVolume> SetUpAsync(Pod pod, Volume volume, CancellationToken cancellationToken)
    {
        var projected = volume.Projected!;
        var mode = projected.DefaultMode ?? VolumeDefaults.DefaultMode;
        var payload = new Dictionary<string, FileProjection>(StringComparer.Ordinal);
        var sources = projected.Sources ?? [];
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            Dictionary<string, FileProjection> part;
            if (source.ConfigMap is { } configMap)
            {
                part = await objects.ConfigMapAsync(pod, configMap.Name, configMap.Items, mode, configMap.Optional == true, cancellationToken).ConfigureAwait(false);
            }
            else if (source.Secret is { } secret)
            {
                part = await objects.SecretAsync(pod, secret.Name, secret.Items, mode, secret.Optional == true, cancellationToken).ConfigureAwait(false);
            }
            else if (source.DownwardAPI is { } downwardApi)
            {
                part = DownwardApiPayload.Make(downwardApi.Items, pod, node, mode);
            }
            else if (source.ServiceAccountToken is { } token)
            {
                var value = await tokens.GetTokenAsync(pod, token, () => files.ReadPublished(pod, Name, volume, token.Path), cancellationToken).ConfigureAwait(false);
                part = new() { [token.Path] = new FileProjection(Encoding.UTF8.GetBytes(value), mode) };
            }
            else
            {
                var kind = source.ClusterTrustBundle is not null ? "clusterTrustBundle" : source.PodCertificate is not null ? "podCertificate" : "(none)";
                throw new VolumeException(volume.Name, $"projected source sources[{i}] of type \"{kind}\" is not supported by Sharplet");
            }

            foreach (var (path, file) in part)
            {
                payload[path] = file;
            }
        }

        return files.Publish(pod, Name, volume, inMemory: true, payload);
    }
}
