namespace Sharplet.TestSupport;

// A call of the in-memory pod API held in flight: Entered completes when the call arrives, Release lets it go on.
internal sealed class PodApiGate(string method)
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Method { get; } = method;

    public Task Entered => entered.Task;

    public Task Released => released.Task;

    public void Enter() => entered.TrySetResult();

    public void Release() => released.TrySetResult();
}
