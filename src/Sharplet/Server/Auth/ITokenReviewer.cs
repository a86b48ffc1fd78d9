namespace Sharplet.Server.Auth;

// Asks the API server who a bearer token belongs to (a TokenReview). Throws when the API cannot answer.
internal interface ITokenReviewer
{
    Task<TokenReviewStatus> ReviewAsync(string token, CancellationToken cancellationToken);
}
