using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Sharplet.Bench;

// The agent's own log of its pods turning Running ("I1208 00:31:02.417 pod default/n0-bench-native (uid): phase
// Pending -> Running"), read from its stderr. The status manager writes that line, with its clock's millisecond,
// right after it records the status (GET /pods may serve it a moment sooner, so the figure errs late, never
// early), and the bench needs no polling while the agent starts (a poll of GET /pods every 2 ms cost the agent tens of
// milliseconds of CPU during a start on 2 cores, the measurement's own load).
internal sealed partial class RunningLog
{
    private readonly ConcurrentDictionary<string, DateTime> first = new(StringComparer.Ordinal);
    private readonly Channel<bool> changed = Channel.CreateUnbounded<bool>();

    public void OnLine(string? line)
    {
        if (line is null || Transition().Match(line) is not { Success: true } match)
        {
            return;
        }

        // klog's stamp is local time without a year: the year is today's (a run across New Year is off by one).
        var at = DateTime.ParseExact(match.Groups["stamp"].Value, "MMdd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal);
        at = at.AddYears(DateTime.Now.Year - at.Year);
        if (first.TryAdd(match.Groups["pod"].Value, at))
        {
            changed.Writer.TryWrite(true);
        }
    }

    // When the count-th pod was first reported Running (the latest of the first reports).
    public async Task<DateTime> WhenAsync(int count, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (first.Count < count)
            {
                await changed.Reader.ReadAsync(cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the sharplet process did not log {what} within {timeout.TotalSeconds:0} s ({first.Count} of {count} pods Running)");
        }

        return first.Values.Max();
    }

    [GeneratedRegex(@"^I(?<stamp>\d{4} \d\d:\d\d:\d\d\.\d{3}) pod \S+/(?<pod>\S+) \([0-9a-f-]+\): phase \S+ -> Running$")]
    private static partial Regex Transition();
}
