using System.IO.Compression;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Logs;

// Upstream's container log manager: every containerLogMonitorInterval, each running container whose log has
// reached containerLogMaxSize has its log rotated: leftovers and the oldest rotated files beyond
// containerLogMaxFiles removed, older rotations gzipped, the current log renamed to "<log>.<timestamp>" and the
// runtime told to reopen (CRI ReopenContainerLog), so it writes a new file at the same path. Only running
// containers: a stopped one writes nothing, and an empty current log would hide its output from `logs`.
// Passes never overlap (one loop); within a pass at most containerLogMaxWorkers containers are handled at once.
// One container's failure is logged and never stops the others.
internal sealed partial class ContainerLogManager(IRuntimeService runtime, LogRotatePolicy policy, TimeProvider time, ILogger<ContainerLogManager> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(logger, policy.MaxWorkers, policy.MonitorInterval, policy.MaxSize, policy.MaxFiles);
        using var timer = new PeriodicTimer(policy.MonitorInterval, time);
        do
        {
            try
            {
                await RotateLogsAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    // One pass over the runtime's running containers.
    internal async Task RotateLogsAsync(CancellationToken cancellationToken)
    {
        var containers = await runtime.ListContainersAsync(null, cancellationToken).ConfigureAwait(false);
        var running = containers.Where(c => c.State == ContainerState.ContainerRunning).Select(c => c.Id).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = policy.MaxWorkers, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(running, options, ProcessContainerAsync).ConfigureAwait(false);
    }

    private async ValueTask ProcessContainerAsync(string id, CancellationToken cancellationToken)
    {
        string? ns = null, pod = null, uid = null, container = id;
        try
        {
            var status = (await runtime.ContainerStatusAsync(id, false, cancellationToken).ConfigureAwait(false)).Status;
            if (status is null || string.IsNullOrEmpty(status.LogPath))
            {
                return;
            }

            (ns, pod, uid, container) = (Label(status, "namespace"), Label(status, "name"), Label(status, "uid"), status.Metadata?.Name ?? id);

            var path = status.LogPath;
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                // A rotation that lost the current file (the kubelet stopped between rename and reopen): the
                // runtime recreates it on reopen.
                await runtime.ReopenContainerLogAsync(id, cancellationToken).ConfigureAwait(false);
                info.Refresh();
                if (!info.Exists)
                {
                    LogMissingAfterReopen(logger, ns, pod, container, uid, path);
                    return;
                }
            }

            if (info.Length < policy.MaxSize)
            {
                return;
            }

            await RotateLogAsync(id, path, cancellationToken).ConfigureAwait(false);
            LogRotated(logger, ns, pod, container, uid, path, info.Length);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRotateFailed(logger, ns, pod, container, uid, ex.Message);
        }
    }

    private async Task RotateLogAsync(string id, string log, CancellationToken cancellationToken)
    {
        var rotated = RotatedLogs.Find(log);
        var plan = RotatedLogs.Plan(rotated, policy.MaxFiles);
        foreach (var file in plan.Unused.Concat(plan.Excess))
        {
            File.Delete(file);
        }

        foreach (var file in plan.Compress)
        {
            await CompressAsync(file, cancellationToken).ConfigureAwait(false);
        }

        // The newest rotation stays uncompressed: the runtime may still flush into it until the reopen, and a
        // reader may still be finishing it.
        var target = RotatedLogs.RotatedName(log, time.GetUtcNow());
        File.Move(log, target);
        try
        {
            await runtime.ReopenContainerLogAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Rename it back so that the next pass tries again rather than leaving the container without a log.
            File.Move(target, log);
            throw;
        }
    }

    // gzip into "<file>.tmp", rename to "<file>.gz", remove the original: an interruption leaves either a .tmp
    // (removed next time) or both the file and its .gz (the uncompressed one removed next time).
    private static async Task CompressAsync(string file, CancellationToken cancellationToken)
    {
        var tmp = file + RotatedLogs.TmpSuffix;
        try
        {
            var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);
            await using (source.ConfigureAwait(false))
            {
                var target = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
                await using (target.ConfigureAwait(false))
                {
                    var gzip = new GZipStream(target, CompressionLevel.Optimal);
                    await using (gzip.ConfigureAwait(false))
                    {
                        await source.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            File.SetUnixFileMode(tmp, File.GetUnixFileMode(file));
            File.Move(tmp, file + RotatedLogs.CompressSuffix, overwrite: true);
            File.Delete(file);
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    private static string? Label(ContainerStatus status, string key) =>
        status.Labels.TryGetValue("io.kubernetes.pod." + key, out var value) ? value : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Initializing container log rotate workers: {Workers} worker(s), every {Period}, max size {MaxSize} bytes, max files {MaxFiles}")]
    private static partial void LogStarting(ILogger logger, int workers, TimeSpan period, long maxSize, int maxFiles);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to rotate container logs (next period retries): {Error}")]
    private static partial void LogPassFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "pod {Namespace}/{Pod} ({PodUid}) container {Container}: rotated log {Path} at {Size} bytes")]
    private static partial void LogRotated(ILogger logger, string? @namespace, string? pod, string? container, string? podUid, string path, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}) container {Container}: failed to rotate log: {Error}")]
    private static partial void LogRotateFailed(ILogger logger, string? @namespace, string? pod, string? container, string? podUid, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod {Namespace}/{Pod} ({PodUid}) container {Container}: log {Path} does not exist even after the runtime reopened it")]
    private static partial void LogMissingAfterReopen(ILogger logger, string? @namespace, string? pod, string? container, string? podUid, string path);
}
