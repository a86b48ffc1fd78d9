using System.Text;

namespace Sharplet.Server.Auth;

// Upstream's webhook authorizer: a SubjectAccessReview per (user, attributes), answers cached for
// authorizedTTL when allowed and unauthorizedTTL when not. An API that cannot answer is not cached: the
// request gets an error (500) until it answers again, and cached answers serve until they expire.
internal sealed class WebhookAuthorizer(ISubjectAccessReviewer? reviewer, TimeSpan authorizedTtl, TimeSpan unauthorizedTtl, TimeProvider time) : IRequestAuthorizer
{
    private readonly TtlCache<string, bool> cache = new(time, 1024);

    public async Task<AuthorizationDecision> AuthorizeAsync(UserInfo user, IReadOnlyList<ResourceAttributes> attributes, CancellationToken cancellationToken)
    {
        var sawError = false;
        foreach (var attrs in attributes)
        {
            var decision = await AuthorizeOneAsync(user, attrs, cancellationToken).ConfigureAwait(false);
            if (decision == AuthorizationDecision.Allow)
            {
                return decision;
            }

            sawError |= decision == AuthorizationDecision.Error;
        }

        return sawError ? AuthorizationDecision.Error : AuthorizationDecision.Deny;
    }

    private async Task<AuthorizationDecision> AuthorizeOneAsync(UserInfo user, ResourceAttributes attrs, CancellationToken cancellationToken)
    {
        if (reviewer is null)
        {
            // Webhook authorization without an API client (standalone): nothing can be allowed.
            return AuthorizationDecision.Error;
        }

        var key = Key(user, attrs);
        if (cache.TryGet(key, out var allowed))
        {
            return allowed ? AuthorizationDecision.Allow : AuthorizationDecision.Deny;
        }

        SubjectAccessReviewStatus status;
        try
        {
            status = await reviewer.ReviewAsync(Spec(user, attrs), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return AuthorizationDecision.Error;
        }

        allowed = status.Allowed && !status.Denied;
        cache.Set(key, allowed, allowed ? authorizedTtl : unauthorizedTtl);
        return allowed ? AuthorizationDecision.Allow : AuthorizationDecision.Deny;
    }

    public static SubjectAccessReviewSpec Spec(UserInfo user, ResourceAttributes attrs) => new()
    {
        ResourceAttributes = attrs,
        User = user.Name,
        Groups = [.. user.Groups],
        Uid = user.Uid.Length > 0 ? user.Uid : null,
        Extra = user.Extra.Count > 0 ? user.Extra.ToDictionary(e => e.Key, e => e.Value.ToList(), StringComparer.Ordinal) : null,
    };

    // Every field that goes into the review, unambiguously separated.
    private static string Key(UserInfo user, ResourceAttributes a)
    {
        var sb = new StringBuilder();
        foreach (var part in new[] { user.Name, user.Uid, a.Verb, a.Resource, a.Subresource, a.Name, a.Namespace, a.Group, a.Version })
        {
            sb.Append(part.Length).Append(':').Append(part);
        }

        foreach (var g in user.Groups)
        {
            sb.Append('g').Append(g.Length).Append(':').Append(g);
        }

        foreach (var (k, values) in user.Extra.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            sb.Append('x').Append(k.Length).Append(':').Append(k);
            foreach (var v in values)
            {
                sb.Append('v').Append(v.Length).Append(':').Append(v);
            }
        }

        return sb.ToString();
    }
}
