using System.Globalization;
using System.Text;
using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Logs;
using Sharplet.Statuses;

namespace Sharplet.Server;

// A container's log as upstream's getContainerLogs serves it, for both listeners that serve logs (the :10250
// server's containerLogs and the control socket's `sharplet logs`): which instance's file (from the pod's
// status), then its CRI lines streamed with the PodLogOptions applied; following ends when the container stops
// or the reader goes away.
internal sealed class ContainerLogSource(StatusManager statuses, IRuntimeService runtime, TimeProvider time)
{
    private static readonly TimeSpan StatePoll = TimeSpan.FromMilliseconds(250);

    // A null container is the pod's only container (the control socket lets `sharplet logs` leave it out).
    public async Task<ContainerLogLookup> FindAsync(string @namespace, string podName, string? container, bool previous, CancellationToken cancellationToken)
    {
        var entry = statuses.All().FirstOrDefault(e => e.Pod.Metadata?.Namespace == @namespace && e.Pod.Metadata?.Name == podName);
        if (entry is null)
        {
            return ContainerLogLookup.Refused(404, $"pod \"{podName}\" does not exist in namespace \"{@namespace}\"\n");
        }

        var spec = entry.Pod.Spec;
        if (string.IsNullOrEmpty(container))
        {
            if ((spec?.Containers ?? []).Count != 1)
            {
                return ContainerLogLookup.Refused(400,
                    $"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', (spec?.Containers ?? []).Select(c => c.Name))}]\n");
            }

            container = spec!.Containers![0].Name;
        }

        var known = (spec?.Containers ?? []).Select(c => c.Name).Concat((spec?.InitContainers ?? []).Select(c => c.Name))
            .Concat((spec?.EphemeralContainers ?? []).Select(c => c.Name));
        if (!known.Contains(container, StringComparer.Ordinal))
        {
            return ContainerLogLookup.Refused(404, $"container \"{container}\" not found in pod \"{podName}\"\n");
        }

        var (containerId, why) = ContainerLogTarget.Resolve(podName, entry.Status, container, previous);
        if (containerId is null)
        {
            return ContainerLogLookup.Refused(400, why!);
        }

        Cri.V1.ContainerStatusResponse status;
        try
        {
            status = await runtime.ContainerStatusAsync(containerId, false, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            return ContainerLogLookup.Refused(400, $"failed to get container status \"{containerId}\": {ex.Message}");
        }

        var logPath = status.Status.LogPath;
        return string.IsNullOrEmpty(logPath) || !File.Exists(logPath)
            ? ContainerLogLookup.Refused(400, $"failed to try resolving symlinks in path \"{logPath}\": no such file or directory")
            : ContainerLogLookup.Found(containerId, logPath, status.Status.State == Cri.V1.ContainerState.ContainerRunning);
    }

    // Writes the lines to body (flushed after each line when following) until the log ends, the container
    // stops (following) or the token is cancelled (the reader went away: the answer just ends).
    public async Task CopyAsync(ContainerLogLookup log, PodLogOptions options, Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(body);
        var since = options.Since(time.GetUtcNow());
        var remaining = options.LimitBytes ?? long.MaxValue;
        var tail = options.TailLines is { } t ? (int)Math.Min(t, int.MaxValue) : (int?)null;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var stillRunning = options.Follow && log.Running ? WatchState(log.ContainerId!, watch.Token) : null;
            await foreach (var record in CriLogReader.ReadAsync(log.LogPath!, tail, stillRunning is null ? null : () => !stillRunning.IsCompleted, time, cancellationToken).ConfigureAwait(false))
            {
                if (since is { } s && record.Timestamp < s)
                {
                    continue;
                }

                var line = options.Timestamps ? $"{Timestamp(record.Timestamp)} {record.Text}\n" : record.Text + "\n";
                var bytes = Encoding.UTF8.GetBytes(line);
                var n = (int)Math.Min(bytes.Length, remaining);
                await body.WriteAsync(bytes.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                remaining -= n;
                if (remaining <= 0)
                {
                    break;
                }

                if (options.Follow)
                {
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The reader went away: the answer ends here.
        }
        finally
        {
            // Also when the reader went away mid-stream: the state watcher must not outlive the answer.
            await watch.CancelAsync().ConfigureAwait(false);
        }
    }

    // Upstream's RFC3339NanoFixed: nine fraction digits, the offset as written by the runtime.
    public static string Timestamp(DateTimeOffset at) =>
        at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00"
        + (at.Offset == TimeSpan.Zero ? "Z" : at.ToString("zzz", CultureInfo.InvariantCulture));

    // Completes when the container is no longer running (or cannot be found).
    private Task WatchState(string containerId, CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var s = await runtime.ContainerStatusAsync(containerId, false, ct).ConfigureAwait(false);
                if (s.Status.State != Cri.V1.ContainerState.ContainerRunning)
                {
                    return;
                }
            }
            catch (RpcException)
            {
                return;
            }

            await Task.Delay(StatePoll, time, ct).ConfigureAwait(false);
        }
    }, ct);
}
