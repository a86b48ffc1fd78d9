using Sharplet.Cm;

namespace Sharplet.Volumes;

internal sealed class HostMountTable : IMountTable
{
    public IReadOnlyList<MountInfo> Read() => MountInfo.ReadAll();

    public void Unmount(string mountPoint) => LinuxMounts.Unmount(mountPoint);
}
