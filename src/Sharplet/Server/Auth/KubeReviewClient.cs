using Sharplet.KubeClient;

namespace Sharplet.Server.Auth;

// TokenReview and SubjectAccessReview through the node's API client (system:node:<name> may create both).
internal sealed class KubeReviewClient(KubeApiClient client) : ITokenReviewer, ISubjectAccessReviewer
{
    private static readonly KubeResource<TokenReview> TokenReviews =
        new("/apis/authentication.k8s.io/v1", "tokenreviews", false, AuthJsonContext.Default.TokenReview, _ => null);

    private static readonly KubeResource<SubjectAccessReview> SubjectAccessReviews =
        new("/apis/authorization.k8s.io/v1", "subjectaccessreviews", false, AuthJsonContext.Default.SubjectAccessReview, _ => null);

    public async Task<TokenReviewStatus> ReviewAsync(string token, CancellationToken cancellationToken)
    {
        var answer = await client.CreateAsync(TokenReviews, null, new TokenReview { Spec = new TokenReviewSpec { Token = token } }, cancellationToken).ConfigureAwait(false);
        return answer.Status ?? new TokenReviewStatus();
    }

    public async Task<SubjectAccessReviewStatus> ReviewAsync(SubjectAccessReviewSpec spec, CancellationToken cancellationToken)
    {
        var answer = await client.CreateAsync(SubjectAccessReviews, null, new SubjectAccessReview { Spec = spec }, cancellationToken).ConfigureAwait(false);
        return answer.Status ?? new SubjectAccessReviewStatus();
    }
}
