using System.Security.Cryptography.X509Certificates;

namespace Sharplet.Server.Auth;

// Upstream's kubelet authenticator: x509 client certificates (when a client CA is set), then bearer tokens
// (when the webhook is on), then anonymous (when enabled). Credentials that fail stop there with an error:
// a bad certificate or token is never downgraded to anonymous (union.NewFailOnError).
internal sealed class RequestAuthenticator(X509Authenticator? x509, TokenAuthenticator? tokens, bool anonymous)
{
    public async Task<AuthenticationResult> AuthenticateAsync(X509Certificate2? clientCertificate, string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (x509 is not null && clientCertificate is not null)
        {
            var byCertificate = x509.Authenticate(clientCertificate);
            if (byCertificate.User is not null)
            {
                return byCertificate;
            }

            // As upstream's union: the token may still authenticate the request; else the certificate's error stands.
            var byToken = await TokenAsync(authorizationHeader, cancellationToken).ConfigureAwait(false);
            return byToken.User is not null ? byToken : byCertificate;
        }

        var result = await TokenAsync(authorizationHeader, cancellationToken).ConfigureAwait(false);
        if (result.User is not null || result.Error is not null)
        {
            return result;
        }

        return anonymous ? AuthenticationResult.Of(UserInfo.Anonymous) : AuthenticationResult.None;
    }

    private Task<AuthenticationResult> TokenAsync(string? header, CancellationToken cancellationToken) =>
        tokens is not null && BearerToken(header) is { } token
            ? tokens.AuthenticateAsync(token, cancellationToken)
            : Task.FromResult(AuthenticationResult.None);

    // "Bearer <token>", the scheme case-insensitive as upstream's bearertoken authenticator; an empty token
    // is no credential.
    public static string? BearerToken(string? header)
    {
        if (header is null)
        {
            return null;
        }

        var parts = header.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].Equals("bearer", StringComparison.OrdinalIgnoreCase) && parts[1].Length > 0 ? parts[1] : null;
    }
}
