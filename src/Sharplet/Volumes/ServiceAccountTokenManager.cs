using System.Collections.Concurrent;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.Volumes;

// Upstream's kubelet token manager: tokens cached per (service account, audience, lifetime, pod) and
// requested again once they are within 20 % of their life of expiring, or 24 h after issue, each with up to
// 10 s of jitter so the pods of a node do not all ask at once. A failed request is retried with backoff
// (0.5 s doubling to 2 min per key) instead of on every sync; while the cached token has not expired it is
// still served, so a brief API outage does not fail a running pod's remount.
internal sealed class ServiceAccountTokenManager(ITokenRequestApi api, TimeProvider time, Random? random = null) : IServiceAccountTokenSource
{
    public static readonly TimeSpan MaxTtl = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxJitter = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Cached> cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> lastErrors = new(StringComparer.Ordinal);
    private readonly Backoff backoff = new(new BackoffPolicy(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(122)), time);
    private readonly Random random = random ?? Random.Shared;

    public async Task<string> GetTokenAsync(Pod pod, ServiceAccountTokenProjection projection, Func<string?>? published, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(projection);
        var ns = pod.Metadata?.Namespace ?? "default";
        var uid = pod.Metadata?.Uid ?? string.Empty;
        var account = string.IsNullOrEmpty(pod.Spec?.ServiceAccountName) ? "default" : pod.Spec.ServiceAccountName;
        var seconds = projection.ExpirationSeconds ?? Api.Defaulting.VolumeDefaults.DefaultTokenExpirationSeconds;
        var key = $"{uid}\n{ns}\n{account}\n{projection.Audience}\n{seconds}";
        if (!cache.TryGetValue(key, out var cached) && published?.Invoke() is { } onDisk && Adoptable(onDisk, ns, account, uid, projection.Audience) is { } claims)
        {
            // The first setup after a restart: the token the volume already holds serves until it is due for
            // refresh, as if this process had requested it, so a running container's file is not rewritten.
            cached = new Cached(onDisk.Trim(), claims.Expires, claims.IssuedAt, (long)(claims.Expires - claims.IssuedAt).TotalSeconds, Jitter());
            cache[key] = cached;
        }

        if (cached is not null && !RequiresRefresh(cached))
        {
            return cached.Token;
        }

        if (backoff.IsInBackOffSinceUpdate(key))
        {
            return Usable(cached) ?? throw new VolumeObjectException(lastErrors.GetValueOrDefault(key) ?? "token request backing off");
        }

        var request = new TokenRequest
        {
            Spec = new TokenRequestSpec
            {
                Audiences = string.IsNullOrEmpty(projection.Audience) ? [] : [projection.Audience],
                ExpirationSeconds = seconds,
                BoundObjectRef = new BoundObjectReference { ApiVersion = "v1", Kind = "Pod", Name = pod.Metadata?.Name, Uid = uid },
            },
        };
        try
        {
            var answer = await api.RequestAsync(ns, account, request, cancellationToken).ConfigureAwait(false);
            if (answer.Status is not { Token.Length: > 0, ExpirationTimestamp: { } expires })
            {
                throw new VolumeObjectException($"failed to fetch token for service account {ns}/{account}: the answer has no token or expiration");
            }

            // The server may grant another lifetime than asked (--service-account-max-token-expiration, the
            // extended lifetime of kube-api-access tokens); refresh follows what it granted.
            var granted = answer.Spec.ExpirationSeconds ?? seconds;
            cache[key] = new Cached(answer.Status.Token, expires, expires - TimeSpan.FromSeconds(granted), granted, Jitter());
            backoff.Reset(key);
            lastErrors.TryRemove(key, out _);
            return answer.Status.Token;
        }
        catch (VolumeObjectException ex)
        {
            backoff.Next(key);
            lastErrors[key] = ex.Message;
            if (Usable(cached) is { } stillValid)
            {
                return stillValid;
            }

            throw;
        }
    }

    public void ForgetPod(string podUid)
    {
        var prefix = podUid + "\n";
        foreach (var key in cache.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            cache.TryRemove(key, out _);
        }

        backoff.ResetWhere(k => k.StartsWith(prefix, StringComparison.Ordinal));
        foreach (var key in lastErrors.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            lastErrors.TryRemove(key, out _);
        }
    }

    // A published token is taken over only when its claims bind it to this pod, account and audience (an empty
    // audience asks for the API server's own, which any audience list the server issued is).
    private static TokenClaims? Adoptable(string token, string ns, string account, string podUid, string? audience)
    {
        var claims = TokenClaims.Parse(token);
        return claims is not null && claims.Namespace == ns && claims.ServiceAccount == account && claims.PodUid == podUid
            && (string.IsNullOrEmpty(audience) || claims.Audiences.Contains(audience, StringComparer.Ordinal))
            ? claims
            : null;
    }

    // Upstream's requiresRefresh: older than 24 h, or past 80 % of the granted lifetime (both less the jitter).
    internal bool RequiresRefresh(Cached token)
    {
        var now = time.GetUtcNow();
        return now > token.IssuedAt + MaxTtl - token.Jitter
            || now > token.Expires - TimeSpan.FromSeconds(token.LifetimeSeconds * 20 / 100) - token.Jitter;
    }

    private string? Usable(Cached? token) => token is not null && time.GetUtcNow() < token.Expires ? token.Token : null;

    private TimeSpan Jitter() => TimeSpan.FromSeconds(Math.Floor(random.NextDouble() * MaxJitter.TotalSeconds));

    internal sealed record Cached(string Token, DateTimeOffset Expires, DateTimeOffset IssuedAt, long LifetimeSeconds, TimeSpan Jitter);
}
