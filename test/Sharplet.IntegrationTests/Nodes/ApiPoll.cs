using Sharplet.KubeClient;

namespace Sharplet.IntegrationTests.Nodes;

// Waits for an API object to reach a state. The API server cannot push a change to a test without a watch, so
// this reads every 100 ms until the state holds; the timeout names the state and the last thing read.
internal static class ApiPoll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan timeout, Func<T, string>? describe = null)
        where T : class
    {
        using var deadline = new CancellationTokenSource(timeout);
        T? last = null;
        string? lastError = null;
        while (true)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
                lastError = ex.Message;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var seen = last is null ? lastError ?? "(nothing)" : describe?.Invoke(last) ?? Api.KubeJson.Serialize(last);
                throw new TimeoutException($"not {what} within {timeout.TotalSeconds}s; last read: {seen}");
            }
        }
    }
}
