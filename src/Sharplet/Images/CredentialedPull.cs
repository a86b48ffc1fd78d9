using Grpc.Core;
using Sharplet.Api.Defaulting;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Images;

// Upstream's PullImage (kuberuntime_image.go): without matching credentials one anonymous pull; otherwise each
// matching credential in the keyring's order until one succeeds. A failure says which Secret's credentials
// were refused and which pull secrets could not be read, never a password.
internal sealed class CredentialedPull(IImageService images)
{
    public async Task<string> PullAsync(string image, ImageSpec spec, PodPullCredentials credentials, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken)
    {
        var repository = ImageReference.TryParse(image, out var reference) ? reference.Name : image;
        var candidates = credentials.Keyring.Lookup(repository);
        if (candidates.Count == 0)
        {
            try
            {
                return await images.PullImageAsync(spec, null, sandboxConfig, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw new ImagePullException(ex.Status.Detail + Unavailable(credentials));
            }
        }

        var errors = new List<string>();
        foreach (var credential in candidates)
        {
            var auth = new AuthConfig { Username = credential.Username, Password = credential.Password };
            try
            {
                return await images.PullImageAsync(spec, auth, sandboxConfig, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                errors.Add($"{ex.Status.Detail} (with the credentials of user \"{credential.Username}\" from image pull secret {credential.Source})");
            }
        }

        // utilerrors.NewAggregate's shape: one error as is, several in brackets.
        var detail = errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
        throw new ImagePullException(detail + Unavailable(credentials));
    }

    private static string Unavailable(PodPullCredentials credentials) =>
        credentials.Unavailable.Count == 0 ? string.Empty : $"; image pull secrets that could not be read: {string.Join(", ", credentials.Unavailable)}";
}
