namespace Sharplet.Server.Auth;

// The outcome of authenticating one request: a user, no credentials at all, or credentials that were refused
// or could not be checked (both answer 401, as upstream's filter does).
internal sealed record AuthenticationResult(UserInfo? User, string? Error)
{
    public static AuthenticationResult None { get; } = new(null, null);

    public static AuthenticationResult Of(UserInfo user) => new(user, null);

    public static AuthenticationResult Failed(string error) => new(null, error);
}
