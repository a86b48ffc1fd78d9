using Sharplet.Api;

namespace Sharplet.Volumes;

// POST serviceaccounts/{name}/token with the node's identity. Throws VolumeObjectException naming the
// service account and the API's reason when the request is refused or cannot be sent.
internal interface ITokenRequestApi
{
    Task<TokenRequest> RequestAsync(string @namespace, string serviceAccount, TokenRequest request, CancellationToken cancellationToken);
}
