using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.Nodes;

// Upstream's syncNodeStatus, every nodeStatusUpdateFrequency (measured from the end of the previous sync, as
// wait.Until does): register first if needed, then read the node, compute its status and patch it when it
// changed or nodeStatusReportFrequency has passed. Between patches the node lease is the heartbeat.
internal sealed partial class NodeStatusLoop(
    NodeRegistration registration,
    INodeApi api,
    NodeDescription description,
    INodeObserver observer,
    NodeStatusOptions options,
    TimeProvider time,
    ILogger<NodeStatusLoop> logger) : BackgroundService
{
    private readonly FailureTracker failures = new(time, FailureTracker.DefaultRepeatAfter);
    private DateTimeOffset? lastReport;
    private string? lastReady;

    // When the status was last patched (tests and diagnostics).
    public DateTimeOffset? LastReport => lastReport;

    // One sync: up to UpdateRetries tries with a short backoff; a permanent refusal ends the tries at once.
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var backoff = new JitteredBackoff(options.RetryBackoff, Random.Shared);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TryUpdateAsync(cancellationToken).ConfigureAwait(false);
                if (failures.Succeeded())
                {
                    LogUpdateRecovered(logger, description.Name);
                }

                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var last = attempt >= options.UpdateRetries || ApiFailures.IsPermanent(ex);
                LogAttemptFailed(logger, description.Name, attempt, ex.Message);
                if (last)
                {
                    if (failures.Failed(ex.Message))
                    {
                        LogUpdateFailed(logger, description.Name, attempt, options.UpdateFrequency.TotalSeconds, ex.Message);
                    }

                    return;
                }
            }

            await Task.Delay(backoff.Next(), time, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.RegisterNode)
        {
            await registration.RegisterAsync(stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await SyncAsync(stoppingToken).ConfigureAwait(false);
            await Task.Delay(options.UpdateFrequency, time, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task TryUpdateAsync(CancellationToken cancellationToken)
    {
        var node = await api.GetAsync(description.Name, cancellationToken).ConfigureAwait(false);
        var observed = await observer.ObserveAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var updated = NodeStatusComputer.Compute(node.Status, description, observed, now);
        NoteReadiness(updated);
        var changed = NodeStatusComparer.HasChanged(node.Status, updated);
        if (!NodeStatusReporting.ShouldPatch(changed, now, lastReport, options.ReportFrequency))
        {
            return;
        }

        if (NodeStatusPatch.Build(node.Status, updated) is { } patch)
        {
            await api.PatchStatusAsync(description.Name, patch, cancellationToken).ConfigureAwait(false);
        }

        lastReport = now;
        LogPatched(logger, description.Name, changed);
    }

    // Upstream logs "Node became not ready" with the condition; the ready side is worth a line too.
    private void NoteReadiness(NodeStatus updated)
    {
        var ready = updated.Conditions?.Find(c => c.Type == NodeConditionType.Ready);
        if (ready is null || ready.Status == lastReady)
        {
            return;
        }

        lastReady = ready.Status;
        if (ready.Status == ConditionStatus.True)
        {
            LogReady(logger, description.Name);
        }
        else
        {
            LogNotReady(logger, description.Name, ready.Reason ?? string.Empty, ready.Message ?? string.Empty);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} status patched (changed: {Changed})")]
    private static partial void LogPatched(ILogger logger, string node, bool changed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} is ready")]
    private static partial void LogReady(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} became not ready: {Reason}: {Message}")]
    private static partial void LogNotReady(ILogger logger, string node, string reason, string message);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Updating the status of node {Node} failed (try {Attempt}): {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string node, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unable to update the status of node {Node} after {Attempts} tries (next in {PeriodSeconds:0.#}s): {Error}")]
    private static partial void LogUpdateFailed(ILogger logger, string node, int attempts, double periodSeconds, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status updates of node {Node} work again")]
    private static partial void LogUpdateRecovered(ILogger logger, string node);
}
