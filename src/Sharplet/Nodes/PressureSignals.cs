namespace Sharplet.Nodes;

// Whether the node is under memory, disk or PID pressure (the three pressure conditions).
internal sealed record PressureSignals(bool Memory, bool Disk, bool Pid)
{
    public static PressureSignals None { get; } = new(false, false, false);
}
