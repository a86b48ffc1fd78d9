using System.Text;
using Sharplet.Cri;
using Sharplet.Grpc;
using Sharplet.KubeContainer;
using Sharplet.Logs;
using Sharplet.Statuses;

namespace Sharplet.Server;

// GET /containerLogs/{namespace}/{pod}/{container}?follow=true&tailLines=N&previous=true, as upstream's
// kubelet server answers it: the container's CRI log as plain lines; following ends when the container stops.
internal static class ContainerLogs
{
    private static readonly TimeSpan StatePoll = TimeSpan.FromMilliseconds(250);

    public static async Task ServeAsync(
        LocalRequest request, LocalResponse response, string @namespace, string pod, string? container,
        StatusManager statuses, RuntimePodReader reader, IRuntimeService runtime, TimeProvider time, CancellationToken ct)
    {
        var follow = request["follow"] == "true";
        var previous = request["previous"] == "true";
        int? tail = int.TryParse(request["tailLines"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

        var entry = statuses.All().FirstOrDefault(e => e.Pod.Metadata?.Namespace == @namespace && e.Pod.Metadata?.Name == pod);
        if (entry is null)
        {
            await response.TextAsync(404, $"pod \"{pod}\" not found in namespace \"{@namespace}\"\n", ct).ConfigureAwait(false);
            return;
        }

        var spec = entry.Pod.Spec!;
        var names = (spec.InitContainers ?? []).Concat(spec.Containers ?? []).Select(c => c.Name).ToList();
        if (string.IsNullOrEmpty(container))
        {
            if ((spec.Containers ?? []).Count != 1)
            {
                await response.TextAsync(400,
                    $"a container name must be specified for pod {pod}, choose one of: [{string.Join(' ', (spec.Containers ?? []).Select(c => c.Name))}]\n", ct).ConfigureAwait(false);
                return;
            }

            container = spec.Containers![0].Name;
        }

        if (!names.Contains(container))
        {
            await response.TextAsync(400, $"container {container} is not valid for pod {pod}\n", ct).ConfigureAwait(false);
            return;
        }

        var status = await reader.ReadPodAsync(entry.Pod.Metadata!.Uid!, ct).ConfigureAwait(false);
        var (current, before) = status.LatestTwo(container);
        var target = previous ? before : current;
        if (target is null || string.IsNullOrEmpty(target.LogPath) || !File.Exists(target.LogPath))
        {
            var what = previous ? $"previous terminated container \"{container}\"" : $"container \"{container}\"";
            await response.TextAsync(400, $"{what} in pod \"{pod}\" has no log yet\n", ct).ConfigureAwait(false);
            return;
        }

        await response.StartAsync(200, "text/plain; charset=utf-8", ct).ConfigureAwait(false);
        var running = follow && !previous && target.State == RuntimeContainerState.Running;
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            var stillRunning = running ? WatchState(runtime, target.Id, time, watch.Token) : null;
            await foreach (var record in CriLogReader.ReadAsync(target.LogPath, tail, stillRunning is null ? null : () => !stillRunning.IsCompleted, time, ct).ConfigureAwait(false))
            {
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(record.Text + "\n"), ct).ConfigureAwait(false);
                if (follow)
                {
                    await response.Body.FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Also when the client went away mid-stream: the state watcher must not outlive the answer.
            await watch.CancelAsync().ConfigureAwait(false);
        }
    }

    // Completes when the container is no longer running (or cannot be found).
    private static Task WatchState(IRuntimeService runtime, string containerId, TimeProvider time, CancellationToken ct) => Task.Run(async () =>
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
            catch (GrpcException)
            {
                return;
            }

            await Task.Delay(StatePoll, time, ct).ConfigureAwait(false);
        }
    }, ct);
}
