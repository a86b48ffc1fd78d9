using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.Nodes;
using Sharplet.Util;

namespace Sharplet.NodeLease;

// Upstream's lease controller (component-helpers/apimachinery/lease) for the node's heartbeat: renews
// kube-node-lease/NODE every renew interval (a quarter of the duration, plus jitter), writing on top of the
// lease it last wrote without reading it again; a conflict re-reads it and tries again; a missing lease is
// created with the Node as its owner (not before the node exists, as upstream); failures back off to 7 s.
internal sealed partial class NodeLeaseController(
    ILeaseApi api,
    NodeLeaseOptions options,
    TimeProvider time,
    Random random,
    ILogger<NodeLeaseController> logger) : BackgroundService
{
    private readonly FailureTracker failures = new(time, FailureTracker.DefaultRepeatAfter);
    private Lease? latest;

    // The lease as last written (tests and diagnostics).
    public Lease? Latest => Volatile.Read(ref latest);

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        if (Latest is { } known)
        {
            if (await RetryUpdateAsync(known, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            LogFallback(logger, options.NodeName);
        }

        var (lease, created) = await BackoffEnsureAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref latest, lease);
        if (lease is not null && !created)
        {
            await RetryUpdateAsync(lease, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await SyncAsync(stoppingToken).ConfigureAwait(false);
            await Task.Delay(LeaseRenewal.NextWait(options, random.NextDouble()), time, stoppingToken).ConfigureAwait(false);
        }
    }

    // Gets (or creates) the lease, retrying until it works: upstream's backoffEnsureLease. Returns no lease when
    // it is missing and cannot be created yet because the node does not exist (tried again next interval).
    private async Task<(Lease? Lease, bool Created)> BackoffEnsureAsync(CancellationToken cancellationToken)
    {
        var backoff = new JitteredBackoff(options.EnsureBackoff, random);
        while (true)
        {
            try
            {
                return await EnsureAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var delay = ApiFailures.IsPermanent(ex) ? backoff.AtCap() : backoff.Next();
                Failed(ex.Message, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<(Lease? Lease, bool Created)> EnsureAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await api.GetAsync(options.Namespace, options.NodeName, cancellationToken).ConfigureAwait(false), false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }

        // Upstream will not create the lease without its owner reference: the node must exist first.
        if (await NodeUidAsync(cancellationToken).ConfigureAwait(false) is not { } uid)
        {
            Failed($"the lease is missing and is not created before node {options.NodeName} can be read", options.RenewInterval);
            return (null, false);
        }

        var created = await api.CreateAsync(LeaseRenewal.New(options, time.GetUtcNow(), uid), cancellationToken).ConfigureAwait(false);
        LogCreated(logger, options.Namespace, options.NodeName);
        Succeeded();
        return (created, true);
    }

    // Upstream's retryUpdateLease: up to MaxUpdateRetries writes; a conflict re-reads the lease. A permanent
    // refusal ends the tries at once (upstream tries all five).
    private async Task<bool> RetryUpdateAsync(Lease current, CancellationToken cancellationToken)
    {
        var backoff = new JitteredBackoff(options.UpdateRetryBackoff, random);
        var error = string.Empty;
        for (var attempt = 1; attempt <= options.MaxUpdateRetries; attempt++)
        {
            var uid = LeaseRenewal.HasOwner(current) ? null : await NodeUidAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var written = await api.UpdateAsync(LeaseRenewal.Renewed(current, options, time.GetUtcNow(), uid), cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref latest, written);
                Succeeded();
                return true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                error = ex.Message;
                LogUpdateAttemptFailed(logger, options.NodeName, attempt, error);
                if (ex is KubeApiException { IsConflict: true })
                {
                    var (reread, _) = await BackoffEnsureAsync(cancellationToken).ConfigureAwait(false);
                    if (reread is null)
                    {
                        return false;
                    }

                    current = reread;
                    continue;
                }

                if (ApiFailures.IsPermanent(ex))
                {
                    break;
                }
            }

            await Task.Delay(backoff.Next(), time, cancellationToken).ConfigureAwait(false);
        }

        Failed(error, options.RenewInterval);
        return false;
    }

    private async Task<string?> NodeUidAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await api.GetNodeUidAsync(options.NodeName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogNoOwner(logger, options.NodeName, ex.Message);
            return null;
        }
    }

    private void Failed(string error, TimeSpan retryIn)
    {
        if (failures.Failed(error))
        {
            LogFailed(logger, options.Namespace, options.NodeName, retryIn.TotalSeconds, error);
        }
        else
        {
            LogFailedAgain(logger, options.Namespace, options.NodeName, failures.Consecutive, retryIn.TotalSeconds, error);
        }
    }

    private void Succeeded()
    {
        if (failures.Succeeded())
        {
            LogRecovered(logger, options.Namespace, options.NodeName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created node lease {Namespace}/{Name}")]
    private static partial void LogCreated(ILogger logger, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failed to update node lease {Node} using the latest lease, falling back to reading it")]
    private static partial void LogFallback(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Renewing node lease {Node} failed (try {Attempt}): {Error}")]
    private static partial void LogUpdateAttemptFailed(ILogger logger, string node, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Node} cannot be read for the lease's owner reference yet: {Error}")]
    private static partial void LogNoOwner(ILogger logger, string node, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unable to renew node lease {Namespace}/{Name} (retrying in {DelaySeconds:0.#}s): {Error}")]
    private static partial void LogFailed(ILogger logger, string @namespace, string name, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unable to renew node lease {Namespace}/{Name}, failure {Count} (retrying in {DelaySeconds:0.#}s): {Error}")]
    private static partial void LogFailedAgain(ILogger logger, string @namespace, string name, int count, double delaySeconds, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node lease {Namespace}/{Name} is renewed again")]
    private static partial void LogRecovered(ILogger logger, string @namespace, string name);
}
