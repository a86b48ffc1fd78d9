using Microsoft.Extensions.Time.Testing;
using Sharplet.Server.Auth;

namespace Sharplet.Tests.Server.Auth;

// SubjectAccessReview decisions and their caches: allowed answers for authorizedTTL, denials for
// unauthorizedTTL, an unreachable API never cached and never an allow.
public sealed class WebhookAuthorizerTests
{
    private static readonly UserInfo Alice = UserInfo.Named("alice", ["devs"]);
    private readonly FakeTimeProvider time = new();
    private readonly FakeReviewer api = new();
    private readonly WebhookAuthorizer authorizer;

    public WebhookAuthorizerTests() => authorizer = new WebhookAuthorizer(api, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), time);

    private Task<AuthorizationDecision> Ask(string path, string method = "GET") => authorizer.AuthorizeAsync(Alice, RequestAttributes.For(method, path, "node-1"), CancellationToken.None);

    [Fact]
    public async Task Review_CarriesUpstreamsAttributesAndTheUser()
    {
        api.Allowed.Add(("alice", "stats"));

        (await Ask("/stats/summary")).ShouldBe(AuthorizationDecision.Allow);

        var spec = api.Reviews.ShouldHaveSingleItem();
        (spec.User, spec.Uid, spec.Extra).ShouldBe(("alice", null, null));
        spec.Groups.ShouldBe(["devs"]);
        spec.ResourceAttributes.ShouldBe(new ResourceAttributes { Verb = "get", Resource = "nodes", Subresource = "stats", Name = "node-1", Version = "v1" });
    }

    [Fact]
    public async Task FineGrainedDenied_FallsBackToProxy()
    {
        api.Allowed.Add(("alice", "proxy"));

        (await Ask("/pods")).ShouldBe(AuthorizationDecision.Allow);
        api.Reviews.Select(r => r.ResourceAttributes!.Subresource).ShouldBe(["pods", "proxy"]);
    }

    [Fact]
    public async Task Allowed_IsCachedForTheAuthorizedTtl_EvenWhileTheApiIsDown()
    {
        api.Allowed.Add(("alice", "stats"));
        (await Ask("/stats/summary")).ShouldBe(AuthorizationDecision.Allow);
        api.Down = true;

        time.Advance(TimeSpan.FromMinutes(4));
        (await Ask("/stats/summary")).ShouldBe(AuthorizationDecision.Allow);
        api.Reviews.Count.ShouldBe(1);

        time.Advance(TimeSpan.FromMinutes(1));
        (await Ask("/stats/summary")).ShouldBe(AuthorizationDecision.Error);
    }

    [Fact]
    public async Task Denied_IsCachedForTheUnauthorizedTtl_ThenAskedAgain()
    {
        (await Ask("/stats/summary")).ShouldBe(AuthorizationDecision.Deny);
        api.Allowed.Add(("alice", "stats"));

        time.Advance(TimeSpan.FromSeconds(29));
        (await Ask("/stats/summary")).ShouldBe(AuthorizationDecision.Deny);

        time.Advance(TimeSpan.FromSeconds(1));
        (await Ask("/stats/summary")).ShouldBe(AuthorizationDecision.Allow);
        api.Reviews.Count.ShouldBe(2);
    }

    [Fact]
    public async Task UnreachableApi_IsAnErrorEveryTime_NotCachedAndNeverAllowed()
    {
        api.Down = true;
        (await Ask("/metrics")).ShouldBe(AuthorizationDecision.Error);
        api.Down = false;
        api.Allowed.Add(("alice", "metrics"));

        (await Ask("/metrics")).ShouldBe(AuthorizationDecision.Allow);
    }

    [Fact]
    public async Task DifferentVerbsOrGroups_AreDifferentCacheEntries()
    {
        api.Allowed.Add(("alice", "proxy"));
        await Ask("/containerLogs/a/b/c");
        await Ask("/run/a/b/c", "POST");
        await authorizer.AuthorizeAsync(UserInfo.Named("alice", ["other"]), RequestAttributes.For("GET", "/containerLogs/a/b/c", "node-1"), CancellationToken.None);

        api.Reviews.Count.ShouldBe(3);
    }

    [Fact]
    public async Task NoApiClient_RefusesEverything()
    {
        var standalone = new WebhookAuthorizer(null, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30), time);

        (await standalone.AuthorizeAsync(Alice, RequestAttributes.For("GET", "/pods", "n"), CancellationToken.None)).ShouldBe(AuthorizationDecision.Error);
    }
}
