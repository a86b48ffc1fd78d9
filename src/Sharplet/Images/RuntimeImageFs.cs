using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Util;

namespace Sharplet.Images;

// Asks the runtime for its image filesystem until it answers once, then measures that mount with statvfs.
internal sealed class RuntimeImageFs(IImageService images) : IImageFs
{
    private string? mountpoint;

    public async Task<(string Mountpoint, FsFigures Figures)?> ReadAsync(CancellationToken cancellationToken)
    {
        if (mountpoint is null)
        {
            try
            {
                var info = await images.ImageFsInfoAsync(cancellationToken).ConfigureAwait(false);
                mountpoint = info.ImageFilesystems.FirstOrDefault()?.FsId?.Mountpoint is { Length: > 0 } path ? path : null;
            }
            catch (RpcException)
            {
                // Asked again next time.
            }
        }

        return mountpoint is { } m && FsStat.Of(m) is { } figures ? (m, figures) : null;
    }
}
