using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Events;

// client-go's EventCorrelator: (1) the aggregator combines events that differ only in message (same object,
// type and reason) once there are too many of them, into one "(combined from similar events): ..." event;
// (2) the observer turns a repeat of an identical event into count+1 on the event already in the API
// (same name, PATCH of count, lastTimestamp and message); (3) the spam filter drops events past a per-object
// token bucket. Used from the sink's loop only; time comes from the injected TimeProvider.
internal sealed class EventCorrelator(EventCorrelatorOptions options, TimeProvider time)
{
    private readonly LruCache<string, AggregateRecord> aggregates = new(options.CacheSize);
    private readonly LruCache<string, Observation> observations = new(options.CacheSize);
    private readonly LruCache<string, TokenBucketRateLimiter> spam = new(options.CacheSize);

    public EventCorrelation Correlate(Event incoming)
    {
        var (aggregated, key) = Aggregate(incoming);
        var (observed, repeat) = Observe(aggregated, key);
        return Allowed(observed) ? new EventCorrelation(observed, key, repeat) : new EventCorrelation(null, key, repeat);
    }

    // After a successful write: remember the name and resourceVersion the API gave, so repeats patch it.
    public void Written(string key, Event written)
    {
        if (observations.TryGet(key, out var seen))
        {
            observations.Set(key, seen with { Name = written.Metadata?.Name ?? seen.Name, ResourceVersion = written.Metadata?.ResourceVersion });
        }
    }

    // The event in the API is gone (expired after its TTL): the next repeat starts a new one.
    public void Forget(string key) => observations.Set(key, new Observation(0, null, string.Empty, null));

    private (Event Event, string Key) Aggregate(Event e)
    {
        var now = time.GetUtcNow();
        var aggregateKey = string.Join('\0', SourceAndObject(e), e.Type, e.Reason, e.ReportingComponent, e.ReportingInstance);
        if (!aggregates.TryGet(aggregateKey, out var record) || now - record.Last > options.AggregateWindow)
        {
            record = new AggregateRecord(new HashSet<string>(StringComparer.Ordinal), now);
        }

        record.Messages.Add(e.Message ?? string.Empty);
        aggregates.Set(aggregateKey, record with { Last = now });
        if (record.Messages.Count < options.AggregateMaxEvents)
        {
            return (e, EventKey(e));
        }

        // Keep the set at its cap (upstream pops an arbitrary member).
        record.Messages.Remove(record.Messages.First());
        var combined = EventFactory.Make(
            new Pod { Metadata = new ObjectMeta { Name = e.InvolvedObject!.Name, Namespace = e.Metadata!.Namespace, Uid = e.InvolvedObject.Uid, ResourceVersion = e.InvolvedObject.ResourceVersion } },
            e.Type!,
            e.Reason!,
            "(combined from similar events): " + e.Message,
            e.InvolvedObject.FieldPath,
            e.Source!.Host!,
            now);
        combined.InvolvedObject = e.InvolvedObject;
        return (combined, aggregateKey);
    }

    private (Event Event, bool Repeat) Observe(Event e, string key)
    {
        var repeat = observations.TryGet(key, out var last) && last.Count > 0;
        if (repeat)
        {
            e.Metadata!.Name = last.Name;
            e.Metadata.ResourceVersion = last.ResourceVersion;
            e.FirstTimestamp = last.FirstTimestamp;
            e.Count = last.Count + 1;
        }

        observations.Set(key, new Observation(e.Count ?? 1, e.FirstTimestamp, e.Metadata!.Name!, e.Metadata.ResourceVersion));
        return (e, repeat);
    }

    private bool Allowed(Event e)
    {
        var key = SourceAndObject(e);
        if (!spam.TryGet(key, out var bucket))
        {
            bucket = new TokenBucketRateLimiter(options.SpamQps, options.SpamBurst, time);
            spam.Set(key, bucket);
        }

        return bucket.TryAcquire();
    }

    private static string SourceAndObject(Event e)
    {
        var o = e.InvolvedObject!;
        return string.Join('\0', e.Source?.Component, e.Source?.Host, o.Kind, o.Namespace, o.Name, o.Uid, o.ApiVersion);
    }

    private static string EventKey(Event e) =>
        string.Join('\0', SourceAndObject(e), e.InvolvedObject!.FieldPath, e.Type, e.Reason, e.Message);

    private sealed record AggregateRecord(HashSet<string> Messages, DateTimeOffset Last);

    private sealed record Observation(int Count, DateTimeOffset? FirstTimestamp, string Name, string? ResourceVersion);
}
