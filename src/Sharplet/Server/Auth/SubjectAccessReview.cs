namespace Sharplet.Server.Auth;

// authorization.k8s.io/v1 SubjectAccessReview, the fields the kubelet sends and reads.
internal sealed class SubjectAccessReview
{
    public string ApiVersion { get; set; } = "authorization.k8s.io/v1";

    public string Kind { get; set; } = "SubjectAccessReview";

    public SubjectAccessReviewSpec Spec { get; set; } = new();

    public SubjectAccessReviewStatus? Status { get; set; }
}
