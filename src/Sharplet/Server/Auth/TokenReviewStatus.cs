namespace Sharplet.Server.Auth;

internal sealed class TokenReviewStatus
{
    public bool Authenticated { get; set; }

    public ReviewUser? User { get; set; }

    public string? Error { get; set; }
}
