using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.TestSupport;
using static Sharplet.Tests.KubeClient.FaultApiServer;

namespace Sharplet.Tests.KubeClient;

// Retries and error mapping of the REST client against scripted answers.
public sealed class KubeApiClientFaultTests
{
    private static KubeApiClient Client(FaultApiServer server, TimeProvider? time = null, KubeClientOptions? options = null) =>
        new(server.Config, options ?? new KubeClientOptions { ServerErrorRetryDelay = TimeSpan.FromMilliseconds(1) }, time ?? TimeProvider.System, NullLogger<KubeApiClient>.Instance);

    [Fact]
    public async Task TooManyRequests_WaitsRetryAfterThenSucceeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var calls = 0;
        await using var server = await StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) <= 2)
            {
                context.Response.Headers.RetryAfter = "2";
                await WriteJsonAsync(context, StatusJson(429, "TooManyRequests", "slow down"), 429);
                return;
            }

            await WriteJsonAsync(context, PodJson("a", "ua", "1"));
        });
        using var client = Client(server, time);

        var get = client.GetAsync(KubeResources.Pods, "default", "a", CancellationToken.None);
        await server.WaitForRequestsAsync(1);
        await Task.Delay(200);
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        server.Requests.Count.ShouldBe(1);
        time.Advance(TimeSpan.FromSeconds(1));
        await server.WaitForRequestsAsync(2);
        await Task.Delay(200);
        time.Advance(TimeSpan.FromSeconds(2));

        (await get).Metadata!.Name.ShouldBe("a");
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task TooManyRequests_GivesUpAfterTheConfiguredAttempts()
    {
        await using var server = await StartAsync(async context =>
        {
            context.Response.Headers.RetryAfter = "0";
            await WriteJsonAsync(context, StatusJson(429, "TooManyRequests", "slow down"), 429);
        });
        using var client = Client(server, options: new KubeClientOptions { MaxRetryAfterAttempts = 2 });

        var ex = await Should.ThrowAsync<KubeApiException>(() => client.GetAsync(KubeResources.Pods, "default", "a", CancellationToken.None));

        ex.Code.ShouldBe(429);
        server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task ServerErrorOnGet_IsRetriedABoundedNumberOfTimes()
    {
        await using var server = await StartAsync(context => WriteJsonAsync(context, StatusJson(500, "InternalError", "etcd hiccup"), 500));
        using var client = Client(server);

        var ex = await Should.ThrowAsync<KubeApiException>(() => client.GetAsync(KubeResources.Pods, "default", "a", CancellationToken.None));

        ex.Code.ShouldBe(500);
        ex.Reason.ShouldBe("InternalError");
        server.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task ServerErrorOnGet_RecoversWhenTheServerDoes()
    {
        var calls = 0;
        await using var server = await StartAsync(context => Interlocked.Increment(ref calls) == 1
            ? WriteJsonAsync(context, StatusJson(503, "ServiceUnavailable", "starting"), 503)
            : WriteJsonAsync(context, PodJson("a", "ua", "1")));
        using var client = Client(server);

        (await client.GetAsync(KubeResources.Pods, "default", "a", CancellationToken.None)).Metadata!.Uid.ShouldBe("ua");
    }

    [Fact]
    public async Task ServerErrorOnCreate_IsNotRetried()
    {
        await using var server = await StartAsync(context => WriteJsonAsync(context, StatusJson(500, "InternalError", "boom"), 500));
        using var client = Client(server);

        await Should.ThrowAsync<KubeApiException>(() => client.CreateAsync(KubeResources.ConfigMaps, "default", new ConfigMap { Metadata = new ObjectMeta { Name = "x" } }, CancellationToken.None));

        server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task NotFound_CarriesTheStatusAndTheRequest()
    {
        await using var server = await StartAsync(context => WriteJsonAsync(context, StatusJson(404, "NotFound", "pods \\\"a\\\" not found"), 404));
        using var client = Client(server);

        var ex = await Should.ThrowAsync<KubeApiException>(() => client.GetAsync(KubeResources.Pods, "default", "a", CancellationToken.None));

        ex.IsNotFound.ShouldBeTrue();
        ex.Reason.ShouldBe("NotFound");
        ex.Method.ShouldBe("GET");
        ex.Path.ShouldBe("/api/v1/namespaces/default/pods/a");
        ex.Message.ShouldBe("GET /api/v1/namespaces/default/pods/a: 404 NotFound: pods \"a\" not found.");
    }

    [Fact]
    public async Task Unauthorized_NamesTheUserAndTheKubeconfig()
    {
        await using var server = await StartAsync(context => WriteJsonAsync(context, StatusJson(401, "Unauthorized", "Unauthorized"), 401));
        using var client = Client(server);

        var ex = await Should.ThrowAsync<KubeApiException>(() => client.GetAsync(KubeResources.Nodes, null, "n1", CancellationToken.None));

        ex.IsUnauthorized.ShouldBeTrue();
        ex.Message.ShouldBe("GET /api/v1/nodes/n1: 401 Unauthorized: Unauthorized (as user \"fault-user\" from kubeconfig /test/fault.kubeconfig).");
    }

    [Fact]
    public async Task ErrorWithoutAStatusBody_IsStillTyped()
    {
        await using var server = await StartAsync(async context =>
        {
            context.Response.StatusCode = 502;
            await context.Response.WriteAsync("upstream went away");
        });
        using var client = Client(server);

        var ex = await Should.ThrowAsync<KubeApiException>(() => client.PatchAsync(KubeResources.Pods, "default", "a", KubePatch.Merge([]), CancellationToken.None));

        ex.Code.ShouldBe(502);
        ex.Reason.ShouldBe("InternalError");
        ex.Message.ShouldContain("upstream went away");
        ex.Method.ShouldBe("PATCH");
    }

    [Fact]
    public async Task Requests_CarryTheBearerTokenAndPatchContentType()
    {
        string? auth = null;
        string? contentType = null;
        await using var server = await StartAsync(async context =>
        {
            auth = context.Request.Headers.Authorization;
            contentType = context.Request.ContentType;
            await WriteJsonAsync(context, PodJson("a", "ua", "2"));
        });
        using var client = Client(server);

        await client.PatchStatusAsync(KubeResources.Pods, "default", "a", KubePatch.StrategicMerge([]), CancellationToken.None);

        auth.ShouldBe("Bearer t0ken");
        contentType.ShouldBe("application/strategic-merge-patch+json");
        server.Requests.ShouldHaveSingleItem().ShouldBe("PATCH /api/v1/namespaces/default/pods/a/status");
    }

    [Fact]
    public async Task ConnectionRefused_NamesTheServer()
    {
        var config = new KubeConfig(new KubeCluster("gone", new Uri("http://127.0.0.1:1")), new KubeUser("u"));
        using var client = new KubeApiClient(config, new KubeClientOptions(), TimeProvider.System, NullLogger<KubeApiClient>.Instance);

        var ex = await Should.ThrowAsync<KubeConnectionException>(() => client.GetAsync(KubeResources.Nodes, null, "n", CancellationToken.None));

        ex.Message.ShouldStartWith("Cannot reach the API server http://127.0.0.1:1/ (cluster \"gone\" in the client configuration)");
        ex.IsTlsFailure.ShouldBeFalse();
    }

    [Fact]
    public async Task ListAll_FollowsContinueTokens()
    {
        await using var server = await StartAsync(context =>
        {
            var page = context.Request.Query["continue"].ToString();
            return WriteJsonAsync(context, page switch
            {
                "" => """{"kind":"PodList","metadata":{"resourceVersion":"5","continue":"p2"},"items":[{"metadata":{"name":"a"}}]}""",
                "p2" => """{"kind":"PodList","metadata":{"resourceVersion":"5","continue":"p3"},"items":[{"metadata":{"name":"b"}}]}""",
                _ => """{"kind":"PodList","metadata":{"resourceVersion":"5"},"items":[{"metadata":{"name":"c"}}]}""",
            });
        });
        using var client = Client(server);

        var result = await client.ListAllAsync(KubeLists.Pods, null, new ListOptions(Limit: 1), CancellationToken.None);

        result.Items.Select(p => p.Metadata!.Name).ShouldBe(["a", "b", "c"]);
        result.ResourceVersion.ShouldBe("5");
        server.Requests.ToArray().ShouldBe(["GET /api/v1/pods?limit=1", "GET /api/v1/pods?limit=1&continue=p2", "GET /api/v1/pods?limit=1&continue=p3"]);
    }

    [Fact]
    public async Task ListAll_ExpiredContinueToken_RestartsWithoutPaging()
    {
        await using var server = await StartAsync(context =>
        {
            var query = context.Request.QueryString.Value ?? string.Empty;
            return query.Contains("continue", StringComparison.Ordinal)
                ? WriteJsonAsync(context, StatusJson(410, "Expired", "continue token expired"), 410)
                : query.Contains("limit", StringComparison.Ordinal)
                    ? WriteJsonAsync(context, """{"kind":"PodList","metadata":{"resourceVersion":"5","continue":"p2"},"items":[{"metadata":{"name":"a"}}]}""")
                    : WriteJsonAsync(context, """{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}""");
        });
        using var client = Client(server);

        var result = await client.ListAllAsync(KubeLists.Pods, null, new ListOptions(Limit: 1), CancellationToken.None);

        result.Items.Count.ShouldBe(2);
        result.ResourceVersion.ShouldBe("9");
    }

    [Fact]
    public async Task Tls_ServerSignedByAnotherCa_IsRefusedNamingServerAndKubeconfig()
    {
        await using var server = await StartAsync(context => WriteJsonAsync(context, PodJson("a", "ua", "1")), tls: true);
        using var otherCa = TestPki.CreateCa("other-ca");
        var config = server.Config with { Cluster = server.Config.Cluster with { CertificateAuthorities = [otherCa] } };
        using var client = new KubeApiClient(config, new KubeClientOptions(), TimeProvider.System, NullLogger<KubeApiClient>.Instance);

        var ex = await Should.ThrowAsync<KubeConnectionException>(() => client.GetAsync(KubeResources.Pods, "default", "a", CancellationToken.None));

        ex.IsTlsFailure.ShouldBeTrue();
        ex.Message.ShouldStartWith($"TLS with the API server {server.Url} failed: its certificate (subject \"CN=127.0.0.1\", issuer \"CN=fault-ca\")");
        ex.Message.ShouldContain("is not trusted by the certificate authority of cluster \"fault\" in kubeconfig /test/fault.kubeconfig");
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Tls_ServerSignedByTheConfiguredCa_SpeaksHttp2()
    {
        await using var server = await StartAsync(context => WriteJsonAsync(context, PodJson("a", "ua", "1")), tls: true);
        using var client = Client(server);

        (await client.GetAsync(KubeResources.Pods, "default", "a", CancellationToken.None)).Metadata!.Name.ShouldBe("a");

        server.Protocols.ShouldHaveSingleItem().ShouldBe("HTTP/2");
    }
}
