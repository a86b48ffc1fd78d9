namespace Sharplet.Server.Auth;

internal sealed class TokenReviewSpec
{
    public string Token { get; set; } = string.Empty;

    public List<string>? Audiences { get; set; }
}
