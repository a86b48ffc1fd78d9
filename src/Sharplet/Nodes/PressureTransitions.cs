namespace Sharplet.Nodes;

// Upstream's evictionPressureTransitionPeriod (default 5 minutes): a pressure condition stays True until that
// long after the threshold was last seen crossed, so a node hovering at the threshold does not flap.
internal sealed class PressureTransitions(TimeSpan period)
{
    private readonly Lock gate = new();
    private DateTimeOffset? memory;
    private DateTimeOffset? disk;
    private DateTimeOffset? pid;

    public static TimeSpan DefaultPeriod { get; } = TimeSpan.FromMinutes(5);

    public PressureSignals Apply(PressureSignals observed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observed);
        lock (gate)
        {
            return new PressureSignals(
                Track(ref memory, observed.Memory, now),
                Track(ref disk, observed.Disk, now),
                Track(ref pid, observed.Pid, now));
        }
    }

    private bool Track(ref DateTimeOffset? lastSeen, bool crossed, DateTimeOffset now)
    {
        if (crossed)
        {
            lastSeen = now;
        }

        return lastSeen is { } seen && now - seen < period;
    }
}
