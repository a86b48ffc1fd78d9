using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.KubeContainer;

namespace Sharplet.Pleg;

// Relists the runtime every period and publishes what changed. It is the safety net under the runtime's event
// stream: events can be lost (a reconnect, a runtime without the stream), a relist cannot miss a state.
internal sealed partial class GenericPleg(
    RuntimePodReader reader,
    PlegEvents events,
    PlegOptions options,
    RelistObservers observers,
    TimeProvider time,
    ILogger<GenericPleg> logger) : BackgroundService
{
    private RuntimeSnapshot? previous;
    private long lastRelistTicks;

    // The latest relist, for housekeeping (orphans) without listing the runtime again.
    public RuntimeSnapshot? Latest => Volatile.Read(ref previous);

    // Upstream declares the PLEG unhealthy when a relist has not completed for 3 minutes.
    public bool IsHealthy(out string? problem)
    {
        var last = Interlocked.Read(ref lastRelistTicks);
        var since = time.GetUtcNow() - new DateTimeOffset(last, TimeSpan.Zero);
        if (last == 0 || since <= options.RelistThreshold)
        {
            problem = null;
            return true;
        }

        problem = $"PLEG is not healthy: pleg was last seen active {since.TotalSeconds:0}s ago; threshold is {options.RelistThreshold.TotalSeconds:0}s";
        return false;
    }

    public async Task RelistAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var current = await reader.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        foreach (var e in RelistDiff.Compute(previous, current))
        {
            events.Publish(e);
        }

        Volatile.Write(ref previous, current);
        Interlocked.Exchange(ref lastRelistTicks, current.ObservedAt.UtcTicks);
        observers.Relisted(time.GetElapsedTime(started), current);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RelistPeriod, time);
        var failing = false;
        do
        {
            try
            {
                await RelistAsync(stoppingToken).ConfigureAwait(false);
                if (failing)
                {
                    LogRelistRecovered(logger);
                    failing = false;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Log the first failure of a run, not one line a second while the runtime is down.
                if (!failing)
                {
                    LogRelistFailed(logger, ex.Message);
                    failing = true;
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PLEG relist failed (will keep trying every period): {Error}")]
    private static partial void LogRelistFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "PLEG relist works again")]
    private static partial void LogRelistRecovered(ILogger logger);
}
