namespace Sharplet.Nodes;

// Which pressure each crossed hard eviction threshold means, as upstream's signal-to-condition map:
// memory.available → MemoryPressure; nodefs.* and imagefs.* → DiskPressure; pid.available → PIDPressure.
// Inode signals are not measured (there is no statvfs in .NET), so they never report pressure.
internal static class PressureEvaluator
{
    public static PressureSignals Evaluate(IReadOnlyList<EvictionThreshold> thresholds, EvictionObservation observed)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(observed);
        bool memory = false, disk = false, pid = false;
        foreach (var threshold in thresholds)
        {
            switch (threshold.Signal)
            {
                case "memory.available":
                    memory |= Crossed(threshold, observed.MemoryAvailable, observed.MemoryCapacity);
                    break;
                case "nodefs.available":
                    disk |= Crossed(threshold, observed.NodeFsAvailable, observed.NodeFsCapacity);
                    break;
                case "imagefs.available" or "containerfs.available":
                    disk |= Crossed(threshold, observed.ImageFsAvailable, observed.ImageFsCapacity);
                    break;
                case "pid.available":
                    pid |= Crossed(threshold, observed.PidAvailable, observed.PidCapacity);
                    break;
                default:
                    break;
            }
        }

        return new PressureSignals(memory, disk, pid);
    }

    private static bool Crossed(EvictionThreshold threshold, long? available, long? capacity) =>
        available is { } a && capacity is { } c && threshold.IsCrossed(a, c);
}
