using System.Security.Cryptography;
using System.Text;

namespace Sharplet.Server.Auth;

// Bearer tokens through TokenReview, cached for the webhook's cacheTTL (answers, both yes and no, as
// upstream's cached token authenticator; an API that cannot be reached is not cached, so it fails now and
// is asked again next time). The cache is keyed by the token's hash, never the token itself.
internal sealed class TokenAuthenticator(ITokenReviewer? reviewer, TimeSpan cacheTtl, TimeProvider time)
{
    private readonly TtlCache<string, AuthenticationResult> cache = new(time);

    public async Task<AuthenticationResult> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (reviewer is null)
        {
            // Webhook authentication without an API client (standalone): a token cannot be checked.
            return AuthenticationResult.Failed("token authentication needs an API server (--kubeconfig)");
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (cache.TryGet(key, out var cached))
        {
            return cached;
        }

        TokenReviewStatus status;
        try
        {
            status = await reviewer.ReviewAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return AuthenticationResult.Failed($"TokenReview failed: {ex.Message}");
        }

        var result = status switch
        {
            { Error.Length: > 0 } => AuthenticationResult.Failed(status.Error),
            { Authenticated: true, User.Username.Length: > 0 } => AuthenticationResult.Of(new UserInfo(
                status.User.Username,
                status.User.Groups ?? [],
                status.User.Uid ?? string.Empty,
                (status.User.Extra ?? []).ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal))),
            _ => AuthenticationResult.Failed("invalid bearer token"),
        };
        cache.Set(key, result, cacheTtl);
        return result;
    }
}
