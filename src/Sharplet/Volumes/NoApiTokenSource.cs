using Sharplet.Api;

namespace Sharplet.Volumes;

// Standalone mode: no API server issues service account tokens.
internal sealed class NoApiTokenSource : IServiceAccountTokenSource
{
    public Task<string> GetTokenAsync(Pod pod, ServiceAccountTokenProjection projection, Func<string?>? published, CancellationToken cancellationToken) =>
        throw new VolumeObjectException("serviceAccountToken: Sharplet runs without an API server (no --kubeconfig), so service account tokens cannot be requested");

    public void ForgetPod(string podUid)
    {
    }
}
