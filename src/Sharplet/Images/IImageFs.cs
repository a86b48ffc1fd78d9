using Sharplet.Util;

namespace Sharplet.Images;

// The runtime's image filesystem (the mount point ImageFsInfo names) and its current figures; null while the
// runtime has not named one or it cannot be measured.
internal interface IImageFs
{
    Task<(string Mountpoint, FsFigures Figures)?> ReadAsync(CancellationToken cancellationToken);
}
