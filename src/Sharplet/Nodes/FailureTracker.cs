namespace Sharplet.Nodes;

// Keeps a loop that fails every few seconds from filling the log: a failure is "loud" (worth a warning) when it
// starts a run, differs from the previous one, or the same one has not been said for RepeatAfter. The others go
// to the debug log. Used by one loop at a time, so not synchronized.
internal sealed class FailureTracker(TimeProvider time, TimeSpan repeatAfter)
{
    private string? last;
    private DateTimeOffset lastLoud;

    public static TimeSpan DefaultRepeatAfter { get; } = TimeSpan.FromMinutes(5);

    public int Consecutive { get; private set; }

    public bool Failed(string message)
    {
        Consecutive++;
        var now = time.GetUtcNow();
        var loud = !string.Equals(message, last, StringComparison.Ordinal) || now - lastLoud >= repeatAfter;
        last = message;
        if (loud)
        {
            lastLoud = now;
        }

        return loud;
    }

    // True when this success ends a run of failures (worth saying so).
    public bool Succeeded()
    {
        var recovered = last is not null;
        last = null;
        Consecutive = 0;
        return recovered;
    }
}
