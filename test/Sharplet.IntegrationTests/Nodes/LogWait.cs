using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.Nodes;

// Waits for a line in an in-process Sharplet's log (what an operator would read); the timeout prints the log.
internal static class LogWait
{
    public static async Task ForAsync(SharpletNode node, string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!node.Log.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no log line with \"{text}\" within {timeout.TotalSeconds}s; log:\n{string.Join('\n', node.Log)}");
            }
        }
    }
}
