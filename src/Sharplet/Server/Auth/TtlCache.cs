using System.Collections.Concurrent;

namespace Sharplet.Server.Auth;

// A small expiring cache on the injected clock, for webhook answers (upstream caches TokenReview and
// SubjectAccessReview results for their TTLs). Bounded: when full, expired entries go first, then everything,
// so a flood of distinct tokens cannot grow it without end.
internal sealed class TtlCache<TKey, TValue>(TimeProvider time, int capacity = 4096)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Expires)> entries = new();

    public int Count => entries.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            if (entry.Expires > time.GetUtcNow())
            {
                value = entry.Value;
                return true;
            }

            entries.TryRemove(new KeyValuePair<TKey, (TValue, DateTimeOffset)>(key, entry));
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value, TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (entries.Count >= capacity)
        {
            foreach (var stale in entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                entries.TryRemove(stale, out _);
            }

            if (entries.Count >= capacity)
            {
                entries.Clear();
            }
        }

        entries[key] = (value, now + ttl);
    }
}
