using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Util;

namespace Sharplet.KubeRuntime;

// CrashLoopBackOff bookkeeping, keyed as upstream keys it (pod, namespace, uid, container, spec hash: a new
// spec starts over). The decision reads it; only the executor, when it actually restarts a container, writes.
internal sealed class RestartBackoff(Backoff backoff)
{
    public BackoffSettings Settings => backoff.Settings;

    // When an exited container may be restarted; null when it may be now.
    public ContainerBackoffWait? HeldBack(Pod pod, Container spec, RuntimeContainer exited)
    {
        if (exited.FinishedAt is not { } finished)
        {
            return null;
        }

        var key = Key(pod, spec);
        if (!backoff.IsInBackOffSince(key, finished))
        {
            return null;
        }

        var delay = backoff.Current(key) ?? TimeSpan.Zero;
        return new ContainerBackoffWait(spec.Name, finished + delay, delay);
    }

    public void RecordRestart(Pod pod, Container spec) => backoff.Next(Key(pod, spec));

    public void ForgetPod(string uid) => backoff.ResetWhere(k => k.Contains($"_{uid}_", StringComparison.Ordinal));

    public void CollectGarbage() => backoff.CollectGarbage();

    private static string Key(Pod pod, Container spec) =>
        $"{pod.Metadata?.Name}_{pod.Metadata?.Namespace}_{pod.Metadata?.Uid}_{spec.Name}_{ContainerHash.Compute(spec)}";
}
