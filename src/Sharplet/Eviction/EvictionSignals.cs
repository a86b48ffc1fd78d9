using Sharplet.Api;

namespace Sharplet.Eviction;

// Upstream's eviction signals (pkg/kubelet/eviction/api), the node condition each one reports and the resource
// it reclaims (signalToNodeCondition, signalToResource).
internal static class EvictionSignals
{
    public const string MemoryAvailable = "memory.available";
    public const string AllocatableMemoryAvailable = "allocatableMemory.available";
    public const string NodeFsAvailable = "nodefs.available";
    public const string NodeFsInodesFree = "nodefs.inodesFree";
    public const string ImageFsAvailable = "imagefs.available";
    public const string ImageFsInodesFree = "imagefs.inodesFree";
    public const string ContainerFsAvailable = "containerfs.available";
    public const string ContainerFsInodesFree = "containerfs.inodesFree";
    public const string PidAvailable = "pid.available";

    public const string MemoryPressure = "MemoryPressure";
    public const string DiskPressure = "DiskPressure";
    public const string PidPressure = "PIDPressure";

    // Internal to eviction, as upstream's resourceInodes and resourcePids.
    public const string Inodes = "inodes";
    public const string Pids = "pids";

    public static bool IsKnown(string signal) => ResourceOf(signal) is not null;

    public static string? ConditionOf(string signal) => signal switch
    {
        MemoryAvailable or AllocatableMemoryAvailable => MemoryPressure,
        NodeFsAvailable or NodeFsInodesFree or ImageFsAvailable or ImageFsInodesFree or ContainerFsAvailable or ContainerFsInodesFree => DiskPressure,
        PidAvailable => PidPressure,
        _ => null,
    };

    public static string? ResourceOf(string signal) => signal switch
    {
        MemoryAvailable or AllocatableMemoryAvailable => ResourceName.Memory,
        NodeFsAvailable or ImageFsAvailable or ContainerFsAvailable => ResourceName.EphemeralStorage,
        NodeFsInodesFree or ImageFsInodesFree or ContainerFsInodesFree => Inodes,
        PidAvailable => Pids,
        _ => null,
    };

    public static bool IsMemory(string signal) => signal is MemoryAvailable or AllocatableMemoryAvailable;
}
