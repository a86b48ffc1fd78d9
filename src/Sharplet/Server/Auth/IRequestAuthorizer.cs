namespace Sharplet.Server.Auth;

internal interface IRequestAuthorizer
{
    // Allowed when any of the attributes is allowed, in order (the fine-grained subresource, then proxy).
    Task<AuthorizationDecision> AuthorizeAsync(UserInfo user, IReadOnlyList<ResourceAttributes> attributes, CancellationToken cancellationToken);
}
