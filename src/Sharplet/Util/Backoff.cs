using System.Collections.Concurrent;

namespace Sharplet.Util;

// Per-key exponential backoff with the semantics of upstream's flowcontrol.Backoff, which the kubelet uses for
// CrashLoopBackOff and image pulls: the first failure waits Initial, each further failure doubles the wait up
// to Max, and a key that has seen no failure for ResetAfter (upstream: twice Max, so 10 minutes for the
// 5-minute cap) starts over at Initial.
internal sealed class Backoff(BackoffPolicy settings, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public BackoffPolicy Settings => settings;

    // Records a failure at "now" and returns the delay before the next attempt.
    public TimeSpan Next(string key)
    {
        var now = time.GetUtcNow();
        var entry = entries.AddOrUpdate(
            key,
            _ => new Entry(0, settings.Delay(0), now),
            (_, old) => Expired(old, now) ? new Entry(0, settings.Delay(0), now) : new Entry(old.Failures + 1, settings.Delay(old.Failures + 1), now));
        return entry.Delay;
    }

    // True while the wait that followed the last failure has not passed since eventTime (typically the time the
    // container last finished).
    public bool IsInBackOffSince(string key, DateTimeOffset eventTime)
    {
        if (!entries.TryGetValue(key, out var entry) || Expired(entry, eventTime))
        {
            return false;
        }

        return time.GetUtcNow() - eventTime < entry.Delay;
    }

    // True while the wait that followed the last recorded failure has not passed (image pulls).
    public bool IsInBackOffSinceUpdate(string key) =>
        entries.TryGetValue(key, out var entry) && time.GetUtcNow() - entry.LastUpdate < entry.Delay;

    // The current delay for a key, if it has one.
    public TimeSpan? Current(string key) => entries.TryGetValue(key, out var entry) ? entry.Delay : null;

    // When the backoff of this key (counted from eventTime) is over; null when none applies.
    public DateTimeOffset? ReadyAt(string key, DateTimeOffset eventTime) =>
        entries.TryGetValue(key, out var entry) && !Expired(entry, eventTime) ? eventTime + entry.Delay : null;

    public void Reset(string key) => entries.TryRemove(key, out _);

    public void ResetWhere(Func<string, bool> predicate)
    {
        foreach (var key in entries.Keys)
        {
            if (predicate(key))
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    // Drops keys idle for longer than ResetAfter; they would start over anyway.
    public void CollectGarbage()
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in entries)
        {
            if (Expired(entry, now))
            {
                entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private bool Expired(Entry entry, DateTimeOffset at) => at - entry.LastUpdate > settings.EffectiveResetAfter;

    // Failures counts the consecutive failures before this one (0 for the first).
    private sealed record Entry(int Failures, TimeSpan Delay, DateTimeOffset LastUpdate);
}
