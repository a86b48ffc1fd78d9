using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.KubeClient;

/// <summary>
/// List-then-watch for one kind: LIST (paged), then WATCH from the list's resourceVersion with bookmarks, the
/// same selectors and a random server timeout; re-watch from the last resourceVersion seen (events and
/// bookmarks) when the server ends a watch; relist on 410 Gone/Expired, which is what a stale resourceVersion
/// gets (kubernetes-client/csharp#740), and emit only the difference against the store, so a deletion that
/// happened while disconnected still reaches the consumer. A watch that goes silent for longer than its idle
/// timeout is abandoned (csharp#884). Failures wait a capped, jittered backoff; 401/403 wait the cap.
/// Changes come out of <see cref="Events"/> in order; <see cref="InformerEventType.Synced"/> follows the first list.
/// </summary>
internal sealed partial class KubeInformer<T, TList>
    where T : class
    where TList : class
{
    private readonly KubeApiClient client;
    private readonly KubeListResource<T, TList> resource;
    private readonly InformerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Random random;
    private readonly JitteredBackoff backoff;
    private readonly Channel<InformerEvent<T>> events;
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string description;
    private string? resourceVersion;
    private int running;

    public KubeInformer(
        KubeApiClient client,
        KubeListResource<T, TList> resource,
        InformerOptions options,
        TimeProvider time,
        ILogger logger,
        Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.client = client;
        this.resource = resource;
        this.options = options;
        this.time = time;
        this.logger = logger;
        this.random = random ?? Random.Shared;
        backoff = new JitteredBackoff(options.Backoff, this.random);
        Store = new InformerStore<T>(resource.Item.Metadata);

        // Unbounded on purpose: a full channel would stall the watch read, and the idle timer would then take a
        // slow consumer for a dead connection. The kubelet's sets (its node's pods) are small.
        events = Channel.CreateUnbounded<InformerEvent<T>>(new UnboundedChannelOptions { SingleWriter = true });
        description = Describe(resource.Item.Plural, options);
    }

    /// <summary>Changes in the order they happened; completes when <see cref="RunAsync"/> ends.</summary>
    public ChannelReader<InformerEvent<T>> Events => events.Reader;

    /// <summary>Completes after the first list has been published.</summary>
    public Task Synced => synced.Task;

    public InformerStore<T> Store { get; }

    /// <summary>The resourceVersion a watch would resume from.</summary>
    public string? ResourceVersion => Volatile.Read(ref resourceVersion);

    /// <summary>Runs until cancelled. One run per informer.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref running, 1) != 0)
        {
            throw new InvalidOperationException("this informer is already running");
        }

        try
        {
            await LoopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            events.Writer.TryComplete();
            synced.TrySetCanceled(cancellationToken);
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var needList = true;
        var expiredInARow = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan? delay = null;
            try
            {
                if (needList)
                {
                    await RelistAsync(cancellationToken).ConfigureAwait(false);
                    needList = false;
                }

                switch (await WatchOnceAsync(cancellationToken).ConfigureAwait(false))
                {
                    case WatchEnd.Expired:
                        needList = true;
                        LogExpired(logger, description);

                        // A fresh list's resourceVersion should not expire at once; if it does, do not spin.
                        delay = ++expiredInARow > 1 ? backoff.Next() : null;
                        break;
                    case WatchEnd.Closed:
                        expiredInARow = 0;
                        backoff.Reset();
                        LogWatchEnded(logger, description, ResourceVersion);
                        break;
                    default:
                        delay = backoff.Next();
                        LogWatchTooShort(logger, description, delay.Value.TotalMilliseconds);
                        break;
                }
            }
            catch (KubeApiException ex) when (ex.IsGone)
            {
                needList = true;
                LogExpired(logger, description);
                delay = ++expiredInARow > 1 ? backoff.Next() : null;
            }
            catch (KubeApiException ex) when (ex.IsUnauthorized)
            {
                // Credentials do not heal in a second: wait the cap, and say loudly who was refused.
                delay = backoff.AtCap();
                LogUnauthorized(logger, description, ex.Message, delay.Value.TotalSeconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                delay = backoff.Next();
                LogFailed(logger, description, needList ? "list" : "watch", ex.Message, delay.Value.TotalMilliseconds);
            }

            if (delay is { } wait)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RelistAsync(CancellationToken cancellationToken)
    {
        var list = await client.ListAllAsync(
            resource,
            options.Namespace,
            new ListOptions(options.LabelSelector, options.FieldSelector, Limit: options.PageSize),
            cancellationToken).ConfigureAwait(false);
        var changes = Store.Replace(list.Items);
        Publish(changes);
        Volatile.Write(ref resourceVersion, list.ResourceVersion);
        if (!synced.Task.IsCompleted)
        {
            events.Writer.TryWrite(InformerEvent<T>.Synced);
            synced.TrySetResult();
        }

        LogListed(logger, description, list.Items.Count, changes.Count, list.ResourceVersion);
    }

    private async Task<WatchEnd> WatchOnceAsync(CancellationToken cancellationToken)
    {
        var serverTimeout = RandomTimeout();
        var watch = new WatchOptions(
            ResourceVersion,
            serverTimeout,
            options.IdleTimeout ?? serverTimeout + options.IdleMargin,
            options.LabelSelector,
            options.FieldSelector);
        LogWatching(logger, description, watch.ResourceVersion, serverTimeout.TotalSeconds);
        var started = time.GetTimestamp();
        var received = 0;
        await foreach (var watchEvent in client.WatchAsync(resource.Item, options.Namespace, watch, cancellationToken).ConfigureAwait(false))
        {
            received++;
            switch (watchEvent.Type)
            {
                case WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted:
                    var obj = watchEvent.DecodeObject(resource.Item.TypeInfo)
                        ?? throw new JsonException($"a {watchEvent.Type} watch event carries no object");
                    Publish(Store.Apply(watchEvent.Type, obj));
                    Advance(obj);
                    break;
                case WatchEventType.Bookmark:
                    // Only metadata.resourceVersion is meaningful in a bookmark.
                    if (watchEvent.DecodeObject(resource.Item.TypeInfo) is { } bookmark)
                    {
                        Advance(bookmark);
                    }

                    break;
                case WatchEventType.Error:
                    var status = watchEvent.DecodeErrorStatus();
                    if (KubeApiException.IsGoneStatus(status))
                    {
                        return WatchEnd.Expired;
                    }

                    throw new KubeApiException(
                        status ?? new Api.Status { Message = "an ERROR watch event without a Status" },
                        HttpMethod.Get.Method,
                        resource.Item.CollectionPath(options.Namespace),
                        "watch ERROR event");
                default:
                    LogUnknownEvent(logger, description, watchEvent.Type);
                    break;
            }
        }

        return received == 0 && time.GetElapsedTime(started) < options.MinHealthyWatch ? WatchEnd.TooShort : WatchEnd.Closed;
    }

    private void Advance(T obj)
    {
        if (resource.Item.Metadata(obj)?.ResourceVersion is { Length: > 0 } version)
        {
            Volatile.Write(ref resourceVersion, version);
        }
    }

    private void Publish(IReadOnlyList<InformerEvent<T>> changes)
    {
        foreach (var change in changes)
        {
            // Cannot fail: the channel is unbounded and completed only when the loop has stopped writing.
            events.Writer.TryWrite(change);
        }
    }

    private TimeSpan RandomTimeout()
    {
        var min = options.MinWatchTimeout;
        var span = options.MaxWatchTimeout - min;
        return span <= TimeSpan.Zero ? min : min + TimeSpan.FromTicks((long)(span.Ticks * random.NextDouble()));
    }

    private static string Describe(string plural, InformerOptions options)
    {
        var parts = new List<string> { plural };
        if (options.Namespace is not null)
        {
            parts.Add($"namespace={options.Namespace}");
        }

        if (options.LabelSelector is not null)
        {
            parts.Add($"labels[{options.LabelSelector}]");
        }

        if (options.FieldSelector is not null)
        {
            parts.Add($"fields[{options.FieldSelector}]");
        }

        return string.Join(' ', parts);
    }

    private enum WatchEnd
    {
        /// <summary>The server ended the watch normally (its timeout); resume from the last resourceVersion.</summary>
        Closed,

        /// <summary>410: our resourceVersion is too old; relist.</summary>
        Expired,

        /// <summary>Ended at once with nothing received: treated as a failure.</summary>
        TooShort,
    }
}
