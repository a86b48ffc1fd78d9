using Sharplet.Server.Auth;

namespace Sharplet.Tests.Server.Auth;

// A TokenReview/SubjectAccessReview API in memory: answers from the dictionaries, counts calls, and can be
// "unreachable" (throws as the API client does when the API server is down).
internal sealed class FakeReviewer : ITokenReviewer, ISubjectAccessReviewer
{
    public Dictionary<string, TokenReviewStatus> Tokens { get; } = new(StringComparer.Ordinal);

    // Allowed (user, subresource) pairs; everything else is denied.
    public HashSet<(string User, string Subresource)> Allowed { get; } = [];

    public bool Down { get; set; }

    public int TokenCalls { get; private set; }

    public List<SubjectAccessReviewSpec> Reviews { get; } = [];

    public Task<TokenReviewStatus> ReviewAsync(string token, CancellationToken cancellationToken)
    {
        TokenCalls++;
        if (Down)
        {
            throw new HttpRequestException("connection refused");
        }

        return Task.FromResult(Tokens.GetValueOrDefault(token) ?? new TokenReviewStatus { Authenticated = false });
    }

    public Task<SubjectAccessReviewStatus> ReviewAsync(SubjectAccessReviewSpec spec, CancellationToken cancellationToken)
    {
        Reviews.Add(spec);
        if (Down)
        {
            throw new HttpRequestException("connection refused");
        }

        return Task.FromResult(new SubjectAccessReviewStatus { Allowed = Allowed.Contains((spec.User!, spec.ResourceAttributes!.Subresource)) });
    }
}
