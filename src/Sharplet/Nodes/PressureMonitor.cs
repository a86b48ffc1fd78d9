using Grpc.Core;
using Sharplet.Cri;

namespace Sharplet.Nodes;

// Measures the eviction signals and turns them into the pressure conditions' inputs. The image filesystem is
// the one the runtime names in ImageFsInfo, asked until it answers once.
internal sealed class PressureMonitor(
    IReadOnlyList<EvictionThreshold> thresholds,
    string rootDir,
    IImageService images,
    PressureTransitions transitions,
    TimeProvider time)
{
    private string? imageFsMountpoint;

    public async Task<PressureSignals> ObserveAsync(CancellationToken cancellationToken)
    {
        var memory = HostSignals.Memory();
        var nodeFs = HostSignals.Filesystem(rootDir);
        var imageFs = await ImageFsMountpointAsync(cancellationToken).ConfigureAwait(false) is { } mountpoint
            ? HostSignals.Filesystem(mountpoint)
            : (null, null);
        var pids = HostSignals.Pids();
        var observed = new EvictionObservation(
            memory.Available, memory.Capacity, nodeFs.Available, nodeFs.Capacity, imageFs.Available, imageFs.Capacity, pids.Available, pids.Capacity);
        return transitions.Apply(PressureEvaluator.Evaluate(thresholds, observed), time.GetUtcNow());
    }

    private async Task<string?> ImageFsMountpointAsync(CancellationToken cancellationToken)
    {
        if (imageFsMountpoint is null)
        {
            try
            {
                var info = await images.ImageFsInfoAsync(cancellationToken).ConfigureAwait(false);
                imageFsMountpoint = info.ImageFilesystems.FirstOrDefault()?.FsId?.Mountpoint is { Length: > 0 } path ? path : null;
            }
            catch (RpcException)
            {
                // Asked again next time; until then the imagefs thresholds do not apply.
            }
        }

        return imageFsMountpoint;
    }
}
