using Sharplet.Api;
using Sharplet.Prober.Handlers;
using Container = Sharplet.Api.Container;

namespace Sharplet.Hooks;

// Runs postStart and preStop handlers (exec, httpGet, sleep) as upstream's lifecycle handler runner does.
// Returns null on success, else the failure in words (it becomes the event and the kill reason).
internal sealed class HookRunner(ExecHandler exec, HttpGetHandler http, TimeProvider time)
{
    public async Task<string?> RunAsync(
        Container container, string containerId, LifecycleHandler handler, string podIp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (handler.Exec is { } action)
        {
            var outcome = await exec.RunAsync(containerId, action.Command ?? [], timeout, cancellationToken).ConfigureAwait(false);
            return outcome.Result == Prober.ProbeResult.Success ? null : outcome.Output;
        }

        if (handler.HttpGet is { } get)
        {
            var outcome = await http.RunAsync(get, container, podIp, timeout, cancellationToken).ConfigureAwait(false);
            return outcome.Result == Prober.ProbeResult.Success ? null : outcome.Output;
        }

        if (handler.Sleep is { } sleep)
        {
            var wait = TimeSpan.FromSeconds(sleep.Seconds);
            await Task.Delay(wait < timeout ? wait : timeout, time, cancellationToken).ConfigureAwait(false);
            return null;
        }

        // tcpSocket is accepted in old manifests but was never a working hook upstream: nothing to run.
        return null;
    }
}
