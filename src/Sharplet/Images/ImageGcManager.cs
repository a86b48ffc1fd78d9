using Grpc.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Images;

// Upstream's image GC manager: remembers when each image was first seen and last used by a container (any
// container the runtime holds, running or not, so an image a dead container needs for a restart stays), and
// every ImageGCPeriod removes images unused for imageMaximumGCAge, then, when the image filesystem is above the
// high threshold, the least recently used unused images down to the low threshold. Pinned images, the runtime's
// sandbox image (RuntimeSandboxImage) and images younger than imageMinimumGCAge are never removed.
internal sealed partial class ImageGcManager(
    IImageService images, IRuntimeService runtime, IImageFs imageFs, ImageGcPolicy policy, TimeProvider time, ILogger<ImageGcManager> logger) : BackgroundService
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? sandboxImage;
    private Dictionary<string, (DateTimeOffset FirstDetected, DateTimeOffset LastUsed)> seen = new(StringComparer.Ordinal);

    // Told each removal with upstream's reason label ("age" or "space"): kubelet_image_garbage_collected_total.
    public Action<string>? ImageRemoved { get; set; }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }

    public async Task GarbageCollectAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var records = await DetectAsync(now, cancellationToken).ConfigureAwait(false);
            var removed = await RemoveAsync(ImageGcPlanner.TooOld(records, now, policy), "age", cancellationToken).ConfigureAwait(false);
            records = records.Where(r => !removed.Contains(r.Id)).ToList();

            if (await imageFs.ReadAsync(cancellationToken).ConfigureAwait(false) is not { } fs)
            {
                LogNoImageFs(logger);
                return;
            }

            if (ImageGcPlanner.AmountToFree(fs.Figures.CapacityBytes, fs.Figures.AvailableBytes, policy) is not { } amount)
            {
                return;
            }

            LogCollecting(logger, fs.Mountpoint, amount);
            var candidates = ImageGcPlanner.ToFree(records, amount, now, policy);
            var freed = await RemoveAsync(candidates, "space", cancellationToken).ConfigureAwait(false);
            var bytes = candidates.Where(c => freed.Contains(c.Id)).Sum(c => c.Size);
            if (bytes < amount)
            {
                LogShortfall(logger, amount, bytes);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // Eviction's reclaim: every unused image past the minimum age, whatever the thresholds.
    public async Task DeleteUnusedImagesAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var records = await DetectAsync(now, cancellationToken).ConfigureAwait(false);
            await RemoveAsync(ImageGcPlanner.ToFree(records, long.MaxValue, now, policy), "space", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // First sight now, so an image present at start gets its minimum age from here, as upstream's Start.
        await TryAsync(ct => DetectUnderGateAsync(ct), stoppingToken).ConfigureAwait(false);
        using var timer = new PeriodicTimer(ImageGcPolicy.Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await TryAsync(GarbageCollectAsync, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task DetectUnderGateAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DetectAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task TryAsync(Func<CancellationToken, Task> pass, CancellationToken cancellationToken)
    {
        try
        {
            await pass(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex.Message);
        }
    }

    private async Task<List<ImageRecord>> DetectAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var listed = await images.ListImagesAsync(null, cancellationToken).ConfigureAwait(false);
        var containers = await runtime.ListContainersAsync(null, cancellationToken).ConfigureAwait(false);
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        // Asked until the runtime names it, then kept: its setting does not change while it runs.
        sandboxImage ??= await RuntimeSandboxImage.ReadAsync(runtime, cancellationToken).ConfigureAwait(false);
        if (sandboxImage is not null)
        {
            inUse.Add(sandboxImage);
        }

        foreach (var container in containers)
        {
            inUse.Add(container.ImageRef);
            if (container.Image?.Image is { Length: > 0 } spec)
            {
                inUse.Add(spec);
            }
        }

        var next = new Dictionary<string, (DateTimeOffset FirstDetected, DateTimeOffset LastUsed)>(StringComparer.Ordinal);
        var records = new List<ImageRecord>();
        foreach (var image in listed)
        {
            var used = inUse.Contains(image.Id) || image.RepoTags.Any(inUse.Contains) || image.RepoDigests.Any(inUse.Contains);
            var (first, last) = seen.TryGetValue(image.Id, out var known) ? known : (now, DateTimeOffset.MinValue);
            if (used)
            {
                last = now;
            }

            next[image.Id] = (first, last);
            records.Add(new ImageRecord(image.Id, first, last, (long)image.Size, image.Pinned, used));
        }

        seen = next;
        return records;
    }

    private async Task<HashSet<string>> RemoveAsync(IReadOnlyList<ImageRecord> toRemove, string reason, CancellationToken cancellationToken)
    {
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in toRemove)
        {
            try
            {
                LogRemoving(logger, image.Id, image.Size, reason);
                await images.RemoveImageAsync(new ImageSpec { Image = image.Id }, cancellationToken).ConfigureAwait(false);
                removed.Add(image.Id);
                seen.Remove(image.Id);
                ImageRemoved?.Invoke(reason);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                removed.Add(image.Id);
            }
            catch (RpcException ex)
            {
                // An image a container started using since the listing: the runtime refuses, and it stays.
                LogRemoveFailed(logger, image.Id, ex.Status.Detail);
            }
        }

        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Image GC: removing image {Id} ({Size} bytes, reason {Reason})")]
    private static partial void LogRemoving(ILogger logger, string id, long size, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image GC: failed to remove image {Id}: {Error}")]
    private static partial void LogRemoveFailed(ILogger logger, string id, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Image GC: image filesystem {Mountpoint} above the high threshold, freeing {Bytes} bytes")]
    private static partial void LogCollecting(ILogger logger, string mountpoint, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed to garbage collect required amount of images. Attempted to free {Amount} bytes, but only found {Freed} bytes eligible to free.")]
    private static partial void LogShortfall(ILogger logger, long amount, long freed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Image GC: the runtime has not named its image filesystem yet")]
    private static partial void LogNoImageFs(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image garbage collection failed (next period retries): {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
