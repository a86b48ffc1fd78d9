namespace Sharplet.Server.Auth;

// Asks the API server whether a user may do something (a SubjectAccessReview). Throws when the API cannot answer.
internal interface ISubjectAccessReviewer
{
    Task<SubjectAccessReviewStatus> ReviewAsync(SubjectAccessReviewSpec spec, CancellationToken cancellationToken);
}
