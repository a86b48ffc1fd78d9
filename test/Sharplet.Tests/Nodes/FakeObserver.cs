using Sharplet.Nodes;

namespace Sharplet.Tests.Nodes;

internal sealed class FakeObserver : INodeObserver
{
    public NodeObservation Current { get; set; } = NodeObservation.Healthy;

    public Task<NodeObservation> ObserveAsync(CancellationToken cancellationToken) => Task.FromResult(Current);
}
