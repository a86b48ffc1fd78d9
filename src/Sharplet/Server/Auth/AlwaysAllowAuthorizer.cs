namespace Sharplet.Server.Auth;

internal sealed class AlwaysAllowAuthorizer : IRequestAuthorizer
{
    public Task<AuthorizationDecision> AuthorizeAsync(UserInfo user, IReadOnlyList<ResourceAttributes> attributes, CancellationToken cancellationToken) =>
        Task.FromResult(AuthorizationDecision.Allow);
}
