using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Events;

// Writes recorded events to the API in the background (client-go's broadcaster and recordToSink): the queue
// is bounded and never blocks the recorder, the correlator turns repeats into count updates and drops spam,
// writes pass a token bucket (eventRecordQPS/eventBurst), and a write that cannot reach the server is tried
// again a few times; one the server refuses is dropped, as upstream does.
internal sealed partial class ApiEventSink(
    KubeApiClient client,
    EventCorrelator correlator,
    ApiEventSinkOptions options,
    TimeProvider time,
    ILogger<ApiEventSink> logger) : BackgroundService
{
    private readonly Channel<Event> queue = Channel.CreateBounded<Event>(new BoundedChannelOptions(options.QueueLength)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly TokenBucketRateLimiter limiter = new(options.Qps, options.Burst, time);

    // False when the queue is full and the event is dropped.
    public bool Enqueue(Event e) => queue.Writer.TryWrite(e);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var e in queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            var correlation = correlator.Correlate(e);
            if (correlation.Skip)
            {
                LogSpam(logger, e.InvolvedObject?.Namespace, e.InvolvedObject?.Name, e.InvolvedObject?.Uid, e.Reason);
                continue;
            }

            await WriteWithRetriesAsync(correlation, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task WriteWithRetriesAsync(EventCorrelation correlation, CancellationToken stoppingToken)
    {
        var e = correlation.Event!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await limiter.WaitAsync(stoppingToken).ConfigureAwait(false);
                var written = await WriteAsync(correlation, stoppingToken).ConfigureAwait(false);
                correlator.Written(correlation.Key, written);
                return;
            }
            catch (KubeApiException ex)
            {
                // The server said no (invalid, forbidden, namespace terminating): trying again changes nothing.
                LogRefused(logger, e.Reason, e.InvolvedObject?.Namespace, e.InvolvedObject?.Name, e.InvolvedObject?.Uid, ex.Message);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (attempt >= options.MaxTries)
                {
                    LogGaveUp(logger, e.Reason, e.InvolvedObject?.Namespace, e.InvolvedObject?.Name, e.InvolvedObject?.Uid, attempt, ex.Message);
                    return;
                }

                LogRetrying(logger, e.Reason, e.InvolvedObject?.Namespace, e.InvolvedObject?.Name, e.InvolvedObject?.Uid, options.RetryDelay.TotalSeconds, ex.Message);
                await Task.Delay(options.RetryDelay, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Event> WriteAsync(EventCorrelation correlation, CancellationToken stoppingToken)
    {
        var e = correlation.Event!;
        var ns = e.Metadata!.Namespace;
        using var deadline = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        if (correlation.IsRepeat)
        {
            var patch = new JsonObject
            {
                ["count"] = e.Count,
                ["lastTimestamp"] = e.LastTimestamp is { } last ? Rfc3339.FormatSeconds(last) : null,
                ["message"] = e.Message,
            };
            try
            {
                return await client.PatchAsync(KubeResources.Events, ns, e.Metadata.Name!, KubePatch.StrategicMerge(patch), linked.Token).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
                // Events expire (the API server's event TTL): start the series again as a new event.
                e.Metadata.ResourceVersion = null;
            }
        }

        return await client.CreateAsync(KubeResources.Events, ns, e, linked.Token).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "event {Reason} about pod {Namespace}/{Pod} ({PodUid}) dropped by the spam filter")]
    private static partial void LogSpam(ILogger logger, string? @namespace, string? pod, string? podUid, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "event {Reason} about pod {Namespace}/{Pod} ({PodUid}) refused by the server (not retried): {Error}")]
    private static partial void LogRefused(ILogger logger, string? reason, string? @namespace, string? pod, string? podUid, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "event {Reason} about pod {Namespace}/{Pod} ({PodUid}) not written, retrying in {DelaySeconds:0.#}s: {Error}")]
    private static partial void LogRetrying(ILogger logger, string? reason, string? @namespace, string? pod, string? podUid, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "event {Reason} about pod {Namespace}/{Pod} ({PodUid}) dropped after {Attempts} tries: {Error}")]
    private static partial void LogGaveUp(ILogger logger, string? reason, string? @namespace, string? pod, string? podUid, int attempts, string error);
}
