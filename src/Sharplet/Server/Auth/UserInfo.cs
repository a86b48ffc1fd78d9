namespace Sharplet.Server.Auth;

// Who made a request, as upstream's user.Info: the name, groups, uid and extra attributes that go into a
// SubjectAccessReview.
internal sealed record UserInfo(string Name, IReadOnlyList<string> Groups, string Uid, IReadOnlyDictionary<string, IReadOnlyList<string>> Extra)
{
    public static UserInfo Anonymous { get; } = new("system:anonymous", ["system:unauthenticated"], string.Empty, new Dictionary<string, IReadOnlyList<string>>());

    public static UserInfo Named(string name, IReadOnlyList<string> groups) => new(name, groups, string.Empty, new Dictionary<string, IReadOnlyList<string>>());
}
