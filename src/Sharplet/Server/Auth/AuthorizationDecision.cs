namespace Sharplet.Server.Auth;

internal enum AuthorizationDecision
{
    Allow,
    Deny,

    // The authorizer could not decide (the API unreachable): the request is refused with 500, never allowed.
    Error,
}
