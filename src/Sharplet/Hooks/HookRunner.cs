using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Prober.Handlers;
using Sharplet.Util;
using Container = Sharplet.Api.Container;

namespace Sharplet.Hooks;

// Runs postStart and preStop handlers (exec, httpGet, sleep) as upstream's lifecycle handler runner does.
// Returns null on success, else the failure in upstream's words: it becomes the waiting message of a
// container killed for PostStartHookError and the log line of a failed preStop (events say less, as upstream:
// hook output may hold secrets).
internal sealed class HookRunner(ExecHandler exec, HttpGetHandler http, TimeProvider time)
{
    public async Task<string?> RunAsync(
        Pod pod, Container container, string containerId, LifecycleHandler handler, string podIp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = $"for Container {GoQuote.Quote(container.Name)} in Pod {GoQuote.Quote(PodFormat.Describe(pod))}";
        if (handler.Exec is { } action)
        {
            var command = action.Command ?? [];
            var outcome = await exec.RunAsync(containerId, command, timeout, cancellationToken).ConfigureAwait(false);
            return outcome.Succeeded
                ? null
                : $"Exec lifecycle hook ([{string.Join(' ', command)}]) {target} failed - error: {outcome.Error}, message: {GoQuote.Quote(outcome.Output)}";
        }

        if (handler.HttpGet is { } get)
        {
            var outcome = await http.HookAsync(get, container, podIp, timeout, cancellationToken).ConfigureAwait(false);
            return outcome.Succeeded ? null : $"HTTP lifecycle hook ({get.Path}) {target} failed - error: {outcome.Error}";
        }

        if (handler.Sleep is { } sleep)
        {
            // A preStop sleep longer than the grace period ends with it: the container is stopped anyway.
            var wait = TimeSpan.FromSeconds(sleep.Seconds);
            await Task.Delay(wait < timeout ? wait : timeout, time, cancellationToken).ConfigureAwait(false);
            return null;
        }

        // tcpSocket is accepted by the API for old manifests but "will fail at runtime" (its API doc), as here.
        return "Cannot run handler: invalid handler: tcpSocket is not supported as a lifecycle handler";
    }
}
