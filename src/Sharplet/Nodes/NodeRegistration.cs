using Microsoft.Extensions.Logging;
using Sharplet.KubeClient;
using Sharplet.Util;

namespace Sharplet.Nodes;

// Upstream's registerWithAPIServer: POST the node; if it exists, reconcile the fields Sharplet owns. Start makes
// one bounded attempt so that a refusal retrying cannot fix (untrusted server, 401, 403) stops Sharplet with a
// clear error; an unreachable server does not (it may be a static pod of this node), the status loop keeps
// trying with capped backoff.
internal sealed partial class NodeRegistration(
    INodeApi api,
    NodeDescription description,
    INodeObserver observer,
    NodeStatusOptions options,
    TimeProvider time,
    ILogger<NodeRegistration> logger)
{
    private readonly FailureTracker failures = new(time, FailureTracker.DefaultRepeatAfter);
    private volatile bool registered;

    public bool IsRegistered => registered;

    // Throws NodeJoinException for a permanent refusal; anything else is left to the status loop.
    public async Task StartupAttemptAsync(CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(options.StartupAttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            if (options.RegisterNode)
            {
                await TryRegisterAsync(linked.Token).ConfigureAwait(false);
            }
            else
            {
                // Not registering: only prove that the server trusts us and we trust it. A missing node is fine.
                await api.GetAsync(description.Name, linked.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ApiFailures.IsPermanent(ex))
        {
            throw new NodeJoinException($"Node {description.Name} cannot join the cluster: {ex.Message}", ex);
        }
        catch (KubeApiException ex) when (ex.IsNotFound && !options.RegisterNode)
        {
            LogNotRegistering(logger, description.Name);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var why = deadline.IsCancellationRequested ? $"no answer within {options.StartupAttemptTimeout.TotalSeconds:0.#}s" : ex.Message;
            LogStartingWithoutApi(logger, description.Name, why);
        }
    }

    // Until registered, with upstream's backoff (100 ms doubling to 7 s); permanent refusals wait the cap.
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var backoff = new JitteredBackoff(options.RegistrationBackoff, Random.Shared);
        while (!registered)
        {
            TimeSpan delay;
            try
            {
                if (await TryRegisterAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (failures.Succeeded())
                    {
                        LogRegistrationRecovered(logger, description.Name);
                    }

                    return;
                }

                delay = backoff.Next();
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                delay = ApiFailures.IsPermanent(ex) ? backoff.AtCap() : backoff.Next();
                if (failures.Failed(ex.Message))
                {
                    LogRegistrationFailed(logger, description.Name, ex.Message, delay.TotalSeconds);
                }
                else
                {
                    LogRegistrationFailedAgain(logger, description.Name, failures.Consecutive, ex.Message, delay.TotalSeconds);
                }
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    // One attempt: true once the node is registered (created, or found and reconciled); false when it vanished
    // between the create and the read, to be tried again.
    public async Task<bool> TryRegisterAsync(CancellationToken cancellationToken)
    {
        LogAttempting(logger, description.Name);
        var observed = await observer.ObserveAsync(cancellationToken).ConfigureAwait(false);
        var node = NodeObjects.Initial(description, observed, time.GetUtcNow(), options.RegisterWithTaints);
        try
        {
            await api.CreateAsync(node, cancellationToken).ConfigureAwait(false);
            registered = true;
            LogRegistered(logger, description.Name);
            return true;
        }
        catch (KubeApiException ex) when (ex.IsAlreadyExists)
        {
        }

        Api.Node existing;
        try
        {
            existing = await api.GetAsync(description.Name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return false;
        }

        LogPreviouslyRegistered(logger, description.Name);
        if (NodeObjects.Reconcile(description, existing) is { } patch)
        {
            await api.PatchStatusAsync(description.Name, patch, cancellationToken).ConfigureAwait(false);
            LogReconciled(logger, description.Name);
        }

        registered = true;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Attempting to register node {Node}")]
    private static partial void LogAttempting(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Successfully registered node {Node}")]
    private static partial void LogRegistered(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {Node} was previously registered")]
    private static partial void LogPreviouslyRegistered(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled the labels and status fields Sharplet owns on existing node {Node}")]
    private static partial void LogReconciled(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unable to register node {Node} with the API server (retrying in {DelaySeconds:0.#}s): {Error}")]
    private static partial void LogRegistrationFailed(ILogger logger, string node, string error, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unable to register node {Node}, failure {Count} (retrying in {DelaySeconds:0.#}s): {Error}")]
    private static partial void LogRegistrationFailedAgain(ILogger logger, string node, int count, string error, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration of node {Node} works again")]
    private static partial void LogRegistrationRecovered(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting without the API server for now ({Why}); node {Node} joins the cluster when it answers")]
    private static partial void LogStartingWithoutApi(ILogger logger, string node, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Node} does not exist and --register-node=false: its status and lease will be written once someone creates it")]
    private static partial void LogNotRegistering(ILogger logger, string node);
}
