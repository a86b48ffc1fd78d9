namespace Sharplet.Events;

// A bounded map that forgets the least recently used key, like the golang-lru caches of client-go's event
// correlator: a kubelet that has seen many pods must not keep every event key forever. Not thread-safe: the
// correlator is used from one loop.
internal sealed class LruCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> map = [];
    private readonly LinkedList<(TKey Key, TValue Value)> order = new();

    public int Count => map.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (map.TryGetValue(key, out var node))
        {
            order.Remove(node);
            order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (map.TryGetValue(key, out var node))
        {
            order.Remove(node);
        }
        else if (map.Count >= capacity && order.Last is { } oldest)
        {
            order.RemoveLast();
            map.Remove(oldest.Value.Key);
        }

        map[key] = order.AddFirst((key, value));
    }
}
