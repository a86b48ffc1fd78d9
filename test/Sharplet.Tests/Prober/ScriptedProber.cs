using System.Collections.Concurrent;
using System.Threading.Channels;
using Sharplet.Api;
using Sharplet.ProbeResults;
using Sharplet.Prober;

namespace Sharplet.Tests.Prober;

// A prober that answers from a script (then the default) and tells the test the clock's time of every run.
internal sealed class ScriptedProber(TimeProvider time, ProbeResult? otherwise = ProbeResult.Success) : IContainerProber
{
    private readonly ConcurrentQueue<ProbeResult?> script = new();
    private readonly Channel<DateTimeOffset> runs = Channel.CreateUnbounded<DateTimeOffset>();

    public void Then(params ProbeResult?[] results)
    {
        foreach (var result in results)
        {
            script.Enqueue(result);
        }
    }

    public Task<ProbeResult?> ProbeAsync(
        ProbeKind kind, Probe probe, Pod pod, PodStatus status, Container container, string containerId, CancellationToken cancellationToken)
    {
        runs.Writer.TryWrite(time.GetUtcNow());
        return Task.FromResult(script.TryDequeue(out var next) ? next : otherwise);
    }

    public async Task<DateTimeOffset> NextRunAsync(string waitingFor)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await runs.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the probe did not run while waiting for {waitingFor}");
        }
    }

    public bool RanAgain => runs.Reader.TryPeek(out _);
}
