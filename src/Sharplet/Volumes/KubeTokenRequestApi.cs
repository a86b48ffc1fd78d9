using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Volumes;

internal sealed class KubeTokenRequestApi(KubeApiClient client) : ITokenRequestApi
{
    public async Task<TokenRequest> RequestAsync(string @namespace, string serviceAccount, TokenRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CreateSubresourceAsync(KubeResources.ServiceAccountTokens, @namespace, serviceAccount, "token", request, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is KubeApiException or KubeConnectionException or TimeoutException)
        {
            throw new VolumeObjectException($"failed to fetch token for service account {@namespace}/{serviceAccount}: {ex.Message}", ex);
        }
    }
}
