using System.Collections.Concurrent;
using Sharplet.Api;

namespace Sharplet.KubeClient;

/// <summary>
/// An informer's local copy, keyed by namespace/name, and the rules that turn watch events and relists into
/// consumer events. Invariants for the consumer: an object is Added once, then Modified any number of times,
/// then Deleted once; an unchanged object (same UID and resourceVersion) is never re-emitted; a name reused
/// by a new object (another UID) is a Deleted of the old one followed by an Added of the new one.
/// Only the informer loop writes; reads from other threads see a consistent object per key.
/// </summary>
internal sealed class InformerStore<T>(Func<T, ObjectMeta?> metadata)
    where T : class
{
    private readonly ConcurrentDictionary<string, T> items = new(StringComparer.Ordinal);

    public int Count => items.Count;

    public static string Key(string? namespaceName, string name) => string.IsNullOrEmpty(namespaceName) ? name : $"{namespaceName}/{name}";

    public T? Get(string? namespaceName, string name) => items.GetValueOrDefault(Key(namespaceName, name));

    public IReadOnlyList<T> List() => [.. items.Values];

    /// <summary>Applies one ADDED, MODIFIED or DELETED watch event; returns what the consumer should see.</summary>
    public IReadOnlyList<InformerEvent<T>> Apply(string watchEventType, T obj)
    {
        var key = KeyOf(obj);
        items.TryGetValue(key, out var known);
        if (string.Equals(watchEventType, WatchEventType.Deleted, StringComparison.Ordinal))
        {
            // A delete of something never seen (or already deleted) would be noise without a matching Added.
            return known is not null && items.TryRemove(key, out _) ? [new(InformerEventType.Deleted, obj)] : [];
        }

        items[key] = obj;
        return Change(known, obj);
    }

    /// <summary>
    /// Replaces the store with a fresh list and returns the difference: new objects Added, changed ones
    /// Modified, and objects that vanished while we were not watching Deleted (with their last known state).
    /// </summary>
    public IReadOnlyList<InformerEvent<T>> Replace(IEnumerable<T> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var events = new List<InformerEvent<T>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in listed)
        {
            var key = KeyOf(obj);
            seen.Add(key);
            items.TryGetValue(key, out var known);
            items[key] = obj;
            events.AddRange(Change(known, obj));
        }

        foreach (var (key, gone) in items)
        {
            if (!seen.Contains(key) && items.TryRemove(key, out _))
            {
                events.Add(new(InformerEventType.Deleted, gone));
            }
        }

        return events;
    }

    private InformerEvent<T>[] Change(T? known, T obj)
    {
        if (known is null)
        {
            return [new(InformerEventType.Added, obj)];
        }

        var before = metadata(known);
        var after = metadata(obj);
        if (!string.Equals(before?.Uid, after?.Uid, StringComparison.Ordinal))
        {
            return [new(InformerEventType.Deleted, known), new(InformerEventType.Added, obj)];
        }

        // resourceVersion is opaque: only equality means anything.
        return string.Equals(before?.ResourceVersion, after?.ResourceVersion, StringComparison.Ordinal)
            ? []
            : [new(InformerEventType.Modified, obj)];
    }

    private string KeyOf(T obj)
    {
        var meta = metadata(obj);
        return meta?.Name is { Length: > 0 } name
            ? Key(meta.Namespace, name)
            : throw new ArgumentException("an object without metadata.name cannot be stored", nameof(obj));
    }
}
