namespace Sharplet.Server.Auth;

internal sealed class SubjectAccessReviewStatus
{
    public bool Allowed { get; set; }

    public bool Denied { get; set; }

    public string? Reason { get; set; }

    public string? EvaluationError { get; set; }
}
