using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Sharplet.Volumes;

namespace Sharplet.Tests.Volumes;

// The claims a restarted agent reads from the token a volume already holds.
public sealed class TokenClaimsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BoundToken_ClaimsNameNamespaceAccountPodAndLifetime()
    {
        var claims = TokenClaims.Parse(Jwt(Now, TimeSpan.FromMinutes(10), "ns1", "default", "uid-9", "api"))!;

        claims.IssuedAt.ShouldBe(Now);
        claims.Expires.ShouldBe(Now + TimeSpan.FromMinutes(10));
        claims.Namespace.ShouldBe("ns1");
        claims.ServiceAccount.ShouldBe("default");
        claims.PodUid.ShouldBe("uid-9");
        claims.Audiences.ShouldBe(["api"]);
    }

    [Fact]
    public void ExtendedToken_ExpiresAtWarnAfter_NotAtTheYearLongExp()
    {
        var claims = TokenClaims.Parse(Jwt(Now, TimeSpan.FromDays(365), "ns1", "default", "uid-9", "api", warnAfter: TimeSpan.FromSeconds(3607)))!;

        claims.Expires.ShouldBe(Now + TimeSpan.FromSeconds(3607));
    }

    [Theory]
    [InlineData("")]
    [InlineData("one.two")]
    [InlineData("a.!!!.c")]
    [InlineData("a.bm90IGpzb24.c")]
    [InlineData("a.eyJpYXQiOjF9.c")]
    public void NotAJwtWithIatAndExp_IsNull(string token) => TokenClaims.Parse(token).ShouldBeNull();

    // An unsigned token with the claims the API server's TokenRequest puts in a pod-bound token.
    internal static string Jwt(DateTimeOffset issued, TimeSpan lifetime, string ns, string account, string podUid, string audience, TimeSpan? warnAfter = null)
    {
        var kube = new JsonObject
        {
            ["namespace"] = ns,
            ["pod"] = new JsonObject { ["name"] = "web", ["uid"] = podUid },
            ["serviceaccount"] = new JsonObject { ["name"] = account, ["uid"] = "sa-uid" },
        };
        if (warnAfter is { } warn)
        {
            kube["warnafter"] = (issued + warn).ToUnixTimeSeconds();
        }

        var payload = new JsonObject
        {
            ["aud"] = new JsonArray(audience),
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["exp"] = (issued + lifetime).ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{account}",
            ["kubernetes.io"] = kube,
        };
        return "eyJhbGciOiJSUzI1NiJ9." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + ".c2ln";
    }
}
