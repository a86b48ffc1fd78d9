using Sharplet.Api;

namespace Sharplet.Volumes;

// Service account tokens for projected serviceAccountToken sources, bound to the pod that mounts them.
internal interface IServiceAccountTokenSource
{
    // The token for this pod and projection: cached while fresh, requested again when due for refresh.
    // Throws VolumeObjectException with the API's reason when no usable token can be had. published reads the
    // token the volume holds now (null if none); it is asked only when nothing is cached (after a restart).
    Task<string> GetTokenAsync(Pod pod, ServiceAccountTokenProjection projection, Func<string?>? published, CancellationToken cancellationToken);

    // The pod is gone: its tokens are dropped (upstream's DeleteServiceAccountToken).
    void ForgetPod(string podUid);
}
