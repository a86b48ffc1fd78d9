using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Sharplet.Cri;
using Grpc.Core;
using Sharplet.Logs;
using Sharplet.Statuses;

namespace Sharplet.Server;

// GET /containerLogs/{namespace}/{pod}/{container} as upstream's getContainerLogs: PodLogOptions from the
// query, 404 for a pod or container the node does not have, upstream's texts for a container without the
// asked-for log, then the CRI log streamed as lines arrive (follow ends when the container stops or the client
// goes away: the request's token is Kestrel's RequestAborted).
internal sealed class ContainerLogsEndpoint(StatusManager statuses, IRuntimeService runtime, TimeProvider time)
{
    private static readonly TimeSpan StatePoll = TimeSpan.FromMilliseconds(250);

    public async Task ServeAsync(HttpContext context, string @namespace, string podName, string container)
    {
        var ct = context.RequestAborted;
        var (options, error) = PodLogOptions.Parse(context.Request.Query);
        if (options is null)
        {
            await Respond.TextAsync(context, error == PodLogOptions.ParseError.Decode ? 400 : 422,
                error == PodLogOptions.ParseError.Decode ? "{\"message\": \"Unable to decode query.\"}" : "{\"message\": \"Invalid request.\"}").ConfigureAwait(false);
            return;
        }

        var entry = statuses.All().FirstOrDefault(e => e.Pod.Metadata?.Namespace == @namespace && e.Pod.Metadata?.Name == podName);
        if (entry is null)
        {
            await Respond.TextAsync(context, 404, $"pod \"{podName}\" does not exist in namespace \"{@namespace}\"\n").ConfigureAwait(false);
            return;
        }

        var spec = entry.Pod.Spec;
        var known = (spec?.Containers ?? []).Select(c => c.Name).Concat((spec?.InitContainers ?? []).Select(c => c.Name))
            .Concat((spec?.EphemeralContainers ?? []).Select(c => c.Name));
        if (!known.Contains(container, StringComparer.Ordinal))
        {
            await Respond.TextAsync(context, 404, $"container \"{container}\" not found in pod \"{podName}\"\n").ConfigureAwait(false);
            return;
        }

        var (containerId, why) = ContainerLogTarget.Resolve(podName, entry.Status, container, options.Previous);
        if (containerId is null)
        {
            await Respond.TextAsync(context, 400, why!).ConfigureAwait(false);
            return;
        }

        Cri.V1.ContainerStatusResponse status;
        try
        {
            status = await runtime.ContainerStatusAsync(containerId, false, ct).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            await Respond.TextAsync(context, 400, $"failed to get container status \"{containerId}\": {ex.Message}").ConfigureAwait(false);
            return;
        }

        var logPath = status.Status.LogPath;
        if (string.IsNullOrEmpty(logPath) || !File.Exists(logPath))
        {
            await Respond.TextAsync(context, 400, $"failed to try resolving symlinks in path \"{logPath}\": no such file or directory").ConfigureAwait(false);
            return;
        }

        await StreamAsync(context, options, containerId, logPath, status.Status.State == Cri.V1.ContainerState.ContainerRunning, ct).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, PodLogOptions options, string containerId, string logPath, bool running, CancellationToken ct)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync(ct).ConfigureAwait(false);
        var body = context.Response.Body;
        var since = options.Since(time.GetUtcNow());
        var remaining = options.LimitBytes ?? long.MaxValue;
        var tail = options.TailLines is { } t ? (int)Math.Min(t, int.MaxValue) : (int?)null;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            var stillRunning = options.Follow && running ? WatchState(containerId, watch.Token) : null;
            await foreach (var record in CriLogReader.ReadAsync(logPath, tail, stillRunning is null ? null : () => !stillRunning.IsCompleted, time, ct).ConfigureAwait(false))
            {
                if (since is { } s && record.Timestamp < s)
                {
                    continue;
                }

                var line = options.Timestamps ? $"{Timestamp(record.Timestamp)} {record.Text}\n" : record.Text + "\n";
                var bytes = Encoding.UTF8.GetBytes(line);
                var n = (int)Math.Min(bytes.Length, remaining);
                await body.WriteAsync(bytes.AsMemory(0, n), ct).ConfigureAwait(false);
                remaining -= n;
                if (remaining <= 0)
                {
                    break;
                }

                if (options.Follow)
                {
                    await body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away: the answer ends here.
        }
        finally
        {
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
