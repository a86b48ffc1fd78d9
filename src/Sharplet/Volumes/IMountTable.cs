using Sharplet.Cm;

namespace Sharplet.Volumes;

// The host's mounts as teardown sees them, so the rule "never delete through a mount" can be tested with a
// mount that refuses to go.
internal interface IMountTable
{
    IReadOnlyList<MountInfo> Read();

    void Unmount(string mountPoint);
}
