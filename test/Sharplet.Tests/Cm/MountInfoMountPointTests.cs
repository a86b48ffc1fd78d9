using System.Text;
using Sharplet.Cm;

namespace Sharplet.Tests.Cm;

public sealed class MountInfoMountPointTests
{
    private static readonly byte[] Mounts = Encoding.UTF8.GetBytes(string.Join('\n',
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
        "30 22 0:26 / /var rw shared:2 - ext4 /dev/sdb1 rw",
        "31 30 0:27 / /var/lib/containerd rw shared:3 - xfs /dev/sdc1 rw",
        "32 30 0:28 / /var/lib/contain rw shared:4 - tmpfs tmpfs rw",
        "33 22 0:29 / /mnt/my\\040disk rw shared:5 - ext4 /dev/sdd1 rw",
        "34 30 0:30 / /var/lib/containerd/io.containerd.runtime.v2.task/k8s.io/abc/rootfs rw - overlay overlay rw",
        ""));

    [Theory]
    [InlineData("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs", "/var/lib/containerd")]
    [InlineData("/var/lib/containerd", "/var/lib/containerd")]
    [InlineData("/var/lib/containerd/", "/var/lib/containerd")]
    [InlineData("/var/lib/containers/x", "/var")]
    [InlineData("/var/lib/sharplet", "/var")]
    [InlineData("/etc", "/")]
    [InlineData("/mnt/my disk/data", "/mnt/my disk")]
    public void MountPointOf_Path_IsTheLongestMountPointAboveIt(string path, string expected)
    {
        MountInfo.MountPointOf(path, Mounts).ShouldBe(expected);
    }

    [Fact]
    public void MountPointOf_NoMountAbove_IsNull()
    {
        MountInfo.MountPointOf("/var/x", "30 22 0:26 / /srv rw - ext4 /dev/sdb1 rw\n"u8).ShouldBeNull();
    }

    [Fact]
    public void MountPointOf_ThisMachine_AgreesWithReadAll()
    {
        var full = Path.GetFullPath(Path.GetTempPath());
        var expected = MountInfo.ReadAll().Select(m => m.MountPoint)
            .Where(mp => mp == "/" || full == mp || full.StartsWith(mp + "/", StringComparison.Ordinal))
            .MaxBy(mp => mp.Length);

        MountInfo.MountPointOf(full, File.ReadAllBytes("/proc/self/mountinfo")).ShouldBe(expected);
    }
}
