namespace Sharplet.Server.Auth;

// authentication.k8s.io/v1 TokenReview, the fields the kubelet sends and reads.
internal sealed class TokenReview
{
    public string ApiVersion { get; set; } = "authentication.k8s.io/v1";

    public string Kind { get; set; } = "TokenReview";

    public TokenReviewSpec Spec { get; set; } = new();

    public TokenReviewStatus? Status { get; set; }
}
