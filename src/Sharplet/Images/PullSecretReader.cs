using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Pods;

namespace Sharplet.Images;

// Upstream's getPullSecretsForPod + MakeDockerKeyring: the pod's imagePullSecrets (admission has already
// copied its ServiceAccount's into the pod) read through the node's Secret source. A Secret that cannot be
// read is skipped, as upstream does (the pull may still succeed anonymously), and named; one that does not
// parse fails with a FormatException naming it.
internal sealed class PullSecretReader(IPodObjectSource objects)
{
    public async Task<PodPullCredentials> ReadAsync(Pod pod, CancellationToken cancellationToken)
    {
        var references = (pod.Spec?.ImagePullSecrets ?? []).Where(r => !string.IsNullOrEmpty(r.Name)).ToList();
        if (references.Count == 0)
        {
            return PodPullCredentials.None;
        }

        var ns = pod.Metadata?.Namespace ?? "default";
        var keyring = new DockerKeyring();
        var unavailable = new List<string>();
        foreach (var reference in references)
        {
            var name = reference.Name!;
            Secret? secret = null;
            string? why = objects.UnavailableReason;
            if (why is null)
            {
                try
                {
                    secret = await objects.GetSecretAsync(ns, name, cancellationToken).ConfigureAwait(false);
                    why = secret is null ? $"secret \"{name}\" not found" : null;
                }
                catch (ContainerConfigException ex)
                {
                    why = ex.Message;
                }
            }

            if (secret is null)
            {
                unavailable.Add($"{name} ({why})");
                continue;
            }

            DockerConfigSecrets.AddTo(keyring, secret);
        }

        return new PodPullCredentials(keyring, unavailable);
    }
}
