using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.Util;
using static Sharplet.Tests.KubeClient.FaultApiServer;

namespace Sharplet.Tests.KubeClient;

// The informer against injected faults: a 410 ERROR event, a 410 answer, a watch that goes silent, a watch the
// server closes, and a refusal (401). Each checks both what the consumer sees and what was asked of the server.
public sealed class KubeInformerFaultTests
{
    private static readonly InformerOptions FastOptions = new()
    {
        Backoff = new BackoffPolicy(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100)),
        MinWatchTimeout = TimeSpan.FromSeconds(60),
        MaxWatchTimeout = TimeSpan.FromSeconds(60),
    };

    private static async Task<List<string>> ReadEvents(KubeInformer<Pod, PodList> informer, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var seen = new List<string>();
        while (seen.Count < count)
        {
            var e = await informer.Events.ReadAsync(cts.Token);
            seen.Add(e.Object is null ? e.Type.ToString() : $"{e.Type} {e.Object.Metadata!.Name}@{e.Object.Metadata.ResourceVersion}");
        }

        return seen;
    }

    private static (KubeApiClient Client, KubeInformer<Pod, PodList> Informer) Create(FaultApiServer server, InformerOptions options, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var client = new KubeApiClient(server.Config, new KubeClientOptions(), time, NullLogger<KubeApiClient>.Instance);
        return (client, new KubeInformer<Pod, PodList>(client, KubeLists.Pods, options, time, NullLogger.Instance, new Random(7)));
    }

    [Fact]
    public async Task WatchErrorEventGone_RelistsAndEmitsOnlyTheDifference()
    {
        var lists = 0;
        var watches = 0;
        await using var server = await StartAsync(async context =>
        {
            if (!IsWatch(context))
            {
                await WriteJsonAsync(context, Interlocked.Increment(ref lists) == 1
                    ? PodListJson("10", PodJson("a", "ua", "1"), PodJson("b", "ub", "2"))
                    : PodListJson("20", PodJson("b", "ub", "5"), PodJson("c", "uc", "6")));
                return;
            }

            if (Interlocked.Increment(ref watches) == 1)
            {
                await WriteLineAsync(context, EventJson("ERROR", StatusJson(410, "Expired", "too old resource version: 10 (15)")));
                return;
            }

            await HoldAsync(context);
        });
        var (client, informer) = Create(server, FastOptions);
        using var _ = client;
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        var events = await ReadEvents(informer, 6);

        events.ShouldBe(["Added a@1", "Added b@2", "Synced", "Modified b@5", "Added c@6", "Deleted a@1"]);
        await server.WaitForRequestsAsync(4);
        var requests = server.Requests.ToArray();
        requests[1].ShouldContain("watch=true&resourceVersion=10&allowWatchBookmarks=true");
        requests[2].ShouldNotContain("watch=true");
        requests[3].ShouldContain("resourceVersion=20");
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Fact]
    public async Task WatchAnsweredWithHttpGone_Relists()
    {
        var lists = 0;
        var watches = 0;
        await using var server = await StartAsync(async context =>
        {
            if (!IsWatch(context))
            {
                await WriteJsonAsync(context, PodListJson(Interlocked.Increment(ref lists) == 1 ? "10" : "30", PodJson("a", "ua", "1")));
                return;
            }

            if (Interlocked.Increment(ref watches) == 1)
            {
                await WriteJsonAsync(context, StatusJson(410, "Gone", "too old resource version"), 410);
                return;
            }

            await HoldAsync(context);
        });
        var (client, informer) = Create(server, FastOptions);
        using var _ = client;
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        (await ReadEvents(informer, 2)).ShouldBe(["Added a@1", "Synced"]);
        await server.WaitForRequestsAsync(4);

        server.Requests.ToArray()[3].ShouldContain("resourceVersion=30");
        informer.Store.Count.ShouldBe(1);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SilentWatch_IsAbandonedAfterTheIdleTimeoutAndResumedFromTheLastResourceVersion(bool http2)
    {
        var watches = 0;
        await using var server = await StartAsync(async context =>
        {
            if (!IsWatch(context))
            {
                await WriteJsonAsync(context, PodListJson("10", PodJson("a", "ua", "10")));
                return;
            }

            if (Interlocked.Increment(ref watches) == 1)
            {
                // One event, then the connection "dies": the response stays open and nothing more arrives.
                await WriteLineAsync(context, EventJson("MODIFIED", PodJson("a", "ua", "11")));
                await HoldAsync(context);
                return;
            }

            await WriteLineAsync(context, EventJson("ADDED", PodJson("b", "ub", "12")));
            await HoldAsync(context);
        }, tls: http2);
        var (client, informer) = Create(server, FastOptions with { IdleTimeout = TimeSpan.FromMilliseconds(500) });
        using var _ = client;
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        var events = await ReadEvents(informer, 4);

        events.ShouldBe(["Added a@10", "Synced", "Modified a@11", "Added b@12"]);
        var requests = server.Requests.ToArray();
        requests.Count(r => !r.Contains("watch=true", StringComparison.Ordinal)).ShouldBe(1);
        requests[2].ShouldContain("resourceVersion=11");
        server.Protocols.ShouldAllBe(p => p == (http2 ? "HTTP/2" : "HTTP/1.1"));
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ServerClosesTheWatch_ResumesFromTheBookmarkWithoutRelisting(bool http2)
    {
        var watches = 0;
        await using var server = await StartAsync(async context =>
        {
            if (!IsWatch(context))
            {
                await WriteJsonAsync(context, PodListJson("10"));
                return;
            }

            switch (Interlocked.Increment(ref watches))
            {
                case 1:
                    await WriteLineAsync(context, EventJson("ADDED", PodJson("a", "ua", "11")));
                    await WriteLineAsync(context, """{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"15"}}}""");
                    return;
                case 2:
                    await WriteLineAsync(context, EventJson("DELETED", PodJson("a", "ua", "16")));
                    return;
                default:
                    await HoldAsync(context);
                    return;
            }
        }, tls: http2);
        var (client, informer) = Create(server, FastOptions);
        using var _ = client;
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        (await ReadEvents(informer, 3)).ShouldBe(["Synced", "Added a@11", "Deleted a@16"]);
        await server.WaitForRequestsAsync(4);

        var requests = server.Requests.ToArray();
        requests[2].ShouldContain("resourceVersion=15");
        requests[3].ShouldContain("resourceVersion=16");
        requests.Count(r => !r.Contains("watch=true", StringComparison.Ordinal)).ShouldBe(1);
        server.Protocols.ShouldAllBe(p => p == (http2 ? "HTTP/2" : "HTTP/1.1"));
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Fact]
    public async Task Unauthorized_WaitsTheBackoffCapBeforeTryingAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(context => WriteJsonAsync(context, StatusJson(401, "Unauthorized", "Unauthorized"), 401));
        var options = new InformerOptions { Backoff = new BackoffPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)) };
        var (client, informer) = Create(server, options, time);
        using var _ = client;
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        await server.WaitForRequestsAsync(1);
        await Task.Delay(300);
        time.Advance(TimeSpan.FromSeconds(14));
        await Task.Delay(300);
        server.Requests.Count.ShouldBe(1);

        // The jittered cap lies in (15 s, 30 s].
        time.Advance(TimeSpan.FromSeconds(16));
        await server.WaitForRequestsAsync(2);
        informer.Synced.IsCompleted.ShouldBeFalse();
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }

    [Fact]
    public async Task WatchEndingAtOnceWithNothing_BacksOffInsteadOfSpinning()
    {
        await using var server = await StartAsync(async context =>
        {
            if (!IsWatch(context))
            {
                await WriteJsonAsync(context, PodListJson("10"));
                return;
            }

            context.Response.ContentType = "application/json";
        });
        var options = FastOptions with { Backoff = new BackoffPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), Jitter: 0) };
        var (client, informer) = Create(server, options);
        using var _ = client;
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);

        await Task.Delay(1000);

        // 200 + 400 ms of backoff fit in the first second: a tight loop would have made hundreds of requests.
        server.Requests.Count.ShouldBeInRange(2, 5);
        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
    }
}
