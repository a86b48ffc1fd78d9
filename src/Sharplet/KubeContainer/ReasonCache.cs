using System.Collections.Concurrent;

namespace Sharplet.KubeContainer;

// Why a container could not be started on the last try (ErrImagePull, CreateContainerConfigError,
// CrashLoopBackOff...): the waiting reason its status shows until a start succeeds (upstream reasonCache).
internal sealed class ReasonCache
{
    private readonly ConcurrentDictionary<(string Uid, string Container), (string Reason, string Message)> entries = new();

    public void Set(string uid, string container, string reason, string message) => entries[(uid, container)] = (reason, message);

    public void Clear(string uid, string container) => entries.TryRemove((uid, container), out _);

    public (string Reason, string Message)? Get(string uid, string container) =>
        entries.TryGetValue((uid, container), out var entry) ? entry : null;

    public void ForgetPod(string uid)
    {
        foreach (var key in entries.Keys.Where(k => k.Uid == uid))
        {
            entries.TryRemove(key, out _);
        }
    }
}
