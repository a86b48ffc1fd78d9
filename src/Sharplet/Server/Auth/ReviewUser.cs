namespace Sharplet.Server.Auth;

// authentication.k8s.io/v1 UserInfo.
internal sealed class ReviewUser
{
    public string? Username { get; set; }

    public string? Uid { get; set; }

    public List<string>? Groups { get; set; }

    public Dictionary<string, List<string>>? Extra { get; set; }
}
