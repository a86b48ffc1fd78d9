namespace Sharplet.Server.Auth;

internal sealed class SubjectAccessReviewSpec
{
    public ResourceAttributes? ResourceAttributes { get; set; }

    public string? User { get; set; }

    public List<string>? Groups { get; set; }

    public Dictionary<string, List<string>>? Extra { get; set; }

    public string? Uid { get; set; }
}
