namespace Sharplet.Nodes;

// The node's health now, for the conditions (a seam so the registration and status loops test without a runtime).
internal interface INodeObserver
{
    Task<NodeObservation> ObserveAsync(CancellationToken cancellationToken);
}
