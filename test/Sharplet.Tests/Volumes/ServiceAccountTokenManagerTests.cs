using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.TestSupport;
using Sharplet.Volumes;

namespace Sharplet.Tests.Volumes;

// Upstream's token manager rules on a fake clock: cache while fresh, refresh at 80 % of the life or after
// 24 h, back off after a refusal, serve a still-valid token through an outage.
public sealed class ServiceAccountTokenManagerTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeTokenApi api;
    private readonly ServiceAccountTokenManager manager;
    private readonly Pod pod;

    public ServiceAccountTokenManagerTests()
    {
        api = new FakeTokenApi(time);

        // Jitter 0: NextDouble of this Random subclass is always 0.
        manager = new ServiceAccountTokenManager(api, time, new ZeroRandom());
        pod = new PodBuilder().Container("c").Build();
        pod.Spec!.ServiceAccountName = "builder";
    }

    [Fact]
    public async Task FirstRequest_IsBoundToThePodWithAudienceAndLifetime()
    {
        await manager.GetTokenAsync(pod, Projection(3600, "vault"), null, CancellationToken.None);

        var (ns, account, request) = api.Requests.ShouldHaveSingleItem();
        ns.ShouldBe("default");
        account.ShouldBe("builder");
        request.Spec.Audiences.ShouldBe(["vault"]);
        request.Spec.ExpirationSeconds.ShouldBe(3600);
        request.Spec.BoundObjectRef!.Kind.ShouldBe("Pod");
        request.Spec.BoundObjectRef.Name.ShouldBe("web");
        request.Spec.BoundObjectRef.Uid.ShouldBe("uid-1");
    }

    [Fact]
    public async Task Token_IsReusedUntil80PercentOfItsLife_ThenRequestedAgain()
    {
        var first = await manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(2879));
        (await manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None)).ShouldBe(first);
        api.Requests.Count.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(2));
        (await manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None)).ShouldNotBe(first);
        api.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task LongLivedToken_IsRefreshedAfter24Hours()
    {
        await manager.GetTokenAsync(pod, Projection(7 * 24 * 3600), null, CancellationToken.None);

        time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        await manager.GetTokenAsync(pod, Projection(7 * 24 * 3600), null, CancellationToken.None);
        api.Requests.Count.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(2));
        await manager.GetTokenAsync(pod, Projection(7 * 24 * 3600), null, CancellationToken.None);
        api.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Refusal_IsReportedWithTheApiReason_AndRetriedOnlyAfterBackoff()
    {
        api.Refusal = "serviceaccounts \"builder\" not found";

        (await Should.ThrowAsync<VolumeObjectException>(() => manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None)))
            .Message.ShouldContain("serviceaccounts \"builder\" not found");
        (await Should.ThrowAsync<VolumeObjectException>(() => manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None)))
            .Message.ShouldContain("not found");
        api.Requests.Count.ShouldBe(1);

        api.Refusal = null;
        time.Advance(TimeSpan.FromMilliseconds(600));
        (await manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None)).ShouldNotBeEmpty();
        api.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task RefreshRefused_StillValidTokenIsServed()
    {
        var first = await manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None);
        api.Refusal = "the server is currently unable to handle the request";

        time.Advance(TimeSpan.FromMinutes(50));

        (await manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None)).ShouldBe(first);
        api.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ForgetPod_DropsItsTokens()
    {
        await manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None);

        manager.ForgetPod("uid-1");
        await manager.GetTokenAsync(pod, Projection(3600), null, CancellationToken.None);

        api.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task PublishedTokenOfThisPod_AfterRestart_IsServedWithoutARequest_UntilItsRefreshTime()
    {
        var published = TokenClaimsTests.Jwt(time.GetUtcNow() - TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), "default", "builder", "uid-1", "vault");

        (await manager.GetTokenAsync(pod, Projection(3600, "vault"), () => published + "\n", CancellationToken.None)).ShouldBe(published);
        api.Requests.ShouldBeEmpty();

        // Issued 10 min before the restart, a 1 h token is due at 48 min of its life.
        time.Advance(TimeSpan.FromMinutes(38) + TimeSpan.FromSeconds(1));
        (await manager.GetTokenAsync(pod, Projection(3600, "vault"), () => published, CancellationToken.None)).ShouldBe("token-1");
        api.Requests.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("other-uid", "builder", "vault")]
    [InlineData("uid-1", "someone-else", "vault")]
    [InlineData("uid-1", "builder", "other-audience")]
    public async Task PublishedTokenNotBoundToThisPodAccountAndAudience_IsReplaced(string podUid, string account, string audience)
    {
        var published = TokenClaimsTests.Jwt(time.GetUtcNow(), TimeSpan.FromHours(1), "default", account, podUid, audience);

        (await manager.GetTokenAsync(pod, Projection(3600, "vault"), () => published, CancellationToken.None)).ShouldBe("token-1");
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("a.b.c")]
    public async Task PublishedFileThatIsNoToken_IsReplaced(string published)
    {
        (await manager.GetTokenAsync(pod, Projection(3600), () => published, CancellationToken.None)).ShouldBe("token-1");
    }

    [Fact]
    public async Task ExpiredPublishedToken_IsReplaced()
    {
        var published = TokenClaimsTests.Jwt(time.GetUtcNow() - TimeSpan.FromHours(2), TimeSpan.FromHours(1), "default", "builder", "uid-1", "vault");

        (await manager.GetTokenAsync(pod, Projection(3600, "vault"), () => published, CancellationToken.None)).ShouldBe("token-1");
    }

    private static ServiceAccountTokenProjection Projection(long seconds, string? audience = null) =>
        new() { ExpirationSeconds = seconds, Audience = audience, Path = "token" };

    private sealed class ZeroRandom : Random
    {
        public override double NextDouble() => 0;
    }

    private sealed class FakeTokenApi(TimeProvider time) : ITokenRequestApi
    {
        private int issued;

        public List<(string Namespace, string Account, TokenRequest Request)> Requests { get; } = [];

        public string? Refusal { get; set; }

        public Task<TokenRequest> RequestAsync(string @namespace, string serviceAccount, TokenRequest request, CancellationToken cancellationToken)
        {
            Requests.Add((@namespace, serviceAccount, request));
            if (Refusal is not null)
            {
                throw new VolumeObjectException($"failed to fetch token for service account {@namespace}/{serviceAccount}: {Refusal}");
            }

            var answer = new TokenRequest
            {
                Spec = request.Spec,
                Status = new TokenRequestStatus
                {
                    Token = $"token-{++issued}",
                    ExpirationTimestamp = time.GetUtcNow() + TimeSpan.FromSeconds(request.Spec.ExpirationSeconds!.Value),
                },
            };
            return Task.FromResult(answer);
        }
    }
}
