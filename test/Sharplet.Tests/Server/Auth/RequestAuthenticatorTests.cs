using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Server.Auth;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Server.Auth;

// x509 client certificates, TokenReview (cached for cacheTTL) and anonymous, in upstream's order; bad
// credentials are never downgraded to anonymous.
public sealed class RequestAuthenticatorTests : IDisposable
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly FakeReviewer api = new();
    private readonly X509Certificate2 ca = TestPki.CreateCa("client-ca");
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public RequestAuthenticatorTests()
    {
        api.Tokens["good"] = new TokenReviewStatus
        {
            Authenticated = true,
            User = new ReviewUser { Username = "system:serviceaccount:ns:sa", Uid = "u-1", Groups = ["system:serviceaccounts"], Extra = new() { ["k"] = ["v"] } },
        };
        api.Tokens["errored"] = new TokenReviewStatus { Error = "token expired" };
    }

    public void Dispose()
    {
        ca.Dispose();
        key.Dispose();
    }

    private RequestAuthenticator Authenticator(bool anonymous, bool webhook = true) =>
        new(new X509Authenticator([ca], time), webhook ? new TokenAuthenticator(api, TimeSpan.FromMinutes(2), time) : null, anonymous);

    [Fact]
    public async Task NoCredentials_AreAnonymousOnlyWhenEnabled()
    {
        (await Authenticator(anonymous: true).AuthenticateAsync(null, null, CancellationToken.None)).User.ShouldBe(UserInfo.Anonymous);
        UserInfo.Anonymous.Groups.ShouldBe(["system:unauthenticated"]);

        var refused = await Authenticator(anonymous: false).AuthenticateAsync(null, null, CancellationToken.None);
        (refused.User, refused.Error).ShouldBe((null, null));
    }

    [Fact]
    public async Task CertificateOfTheCa_NamesUserAndGroups()
    {
        using var cert = TestPki.IssueClient(ca, "CN=kube-apiserver-kubelet-client, O=system:masters, O=team", key);

        var result = await Authenticator(anonymous: false).AuthenticateAsync(cert, null, CancellationToken.None);

        result.User.ShouldNotBeNull();
        result.User.Name.ShouldBe("kube-apiserver-kubelet-client");
        result.User.Groups.ShouldBe(["system:masters", "team"]);
    }

    [Fact]
    public async Task CertificateOfAnotherCa_OrExpired_IsAnError_EvenWithAnonymousOn()
    {
        using var other = TestPki.CreateCa("other");
        using var foreign = TestPki.IssueClient(other, "CN=admin, O=system:masters", key);
        using var expired = TestPki.IssueClient(ca, "CN=admin", key, time.GetUtcNow().AddDays(-2), time.GetUtcNow().AddDays(-1));

        (await Authenticator(anonymous: true).AuthenticateAsync(foreign, null, CancellationToken.None)).Error.ShouldNotBeNull();
        (await Authenticator(anonymous: true).AuthenticateAsync(expired, null, CancellationToken.None)).Error.ShouldNotBeNull();
    }

    [Fact]
    public async Task GoodToken_NamesTheReviewedUser()
    {
        var user = (await Authenticator(anonymous: false).AuthenticateAsync(null, "Bearer good", CancellationToken.None)).User.ShouldNotBeNull();

        (user.Name, user.Uid).ShouldBe(("system:serviceaccount:ns:sa", "u-1"));
        user.Groups.ShouldBe(["system:serviceaccounts"]);
        user.Extra["k"].ShouldBe(["v"]);
    }

    [Theory]
    [InlineData("Bearer nobody-knows-me")]
    [InlineData("Bearer errored")]
    public async Task RejectedToken_IsAnError_EvenWithAnonymousOn(string header)
    {
        var result = await Authenticator(anonymous: true).AuthenticateAsync(null, header, CancellationToken.None);

        (result.User, result.Error is null).ShouldBe((null, false));
    }

    [Fact]
    public async Task TokenAnswer_IsCachedForCacheTtl_AndAnUnreachableApiIsNot()
    {
        var authn = Authenticator(anonymous: false);
        await authn.AuthenticateAsync(null, "Bearer good", CancellationToken.None);
        api.Down = true;
        time.Advance(TimeSpan.FromSeconds(119));
        (await authn.AuthenticateAsync(null, "Bearer good", CancellationToken.None)).User.ShouldNotBeNull();
        api.TokenCalls.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(1));
        (await authn.AuthenticateAsync(null, "Bearer good", CancellationToken.None)).Error.ShouldNotBeNull();
        (await authn.AuthenticateAsync(null, "Bearer good", CancellationToken.None)).Error.ShouldNotBeNull();
        api.TokenCalls.ShouldBe(3);
    }

    [Fact]
    public async Task WebhookOff_IgnoresTokens()
    {
        (await Authenticator(anonymous: true, webhook: false).AuthenticateAsync(null, "Bearer good", CancellationToken.None)).User.ShouldBe(UserInfo.Anonymous);
        api.TokenCalls.ShouldBe(0);
    }

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("  Bearer   abc  ", "abc")]
    [InlineData("Bearer", null)]
    [InlineData("Basic abc", null)]
    [InlineData("", null)]
    public void BearerToken_IsParsedAsUpstream(string header, string? token)
    {
        RequestAuthenticator.BearerToken(header).ShouldBe(token);
    }
}
