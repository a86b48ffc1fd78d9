using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Pleg;

namespace Sharplet.Nodes;

// Gathers what the conditions need: the runtime's Status (asked on every observation; upstream asks every 5 s
// in its own loop), the PLEG's health and the eviction manager's pressure conditions.
internal sealed class NodeObserver(
    IRuntimeService runtime, IImageService images, GenericPleg pleg, RuntimeHealth health, INodePressure pressure, NodeStatusOptions options, TimeProvider time)
    : INodeObserver
{
    public async Task<NodeObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var status = await runtime.StatusAsync(verbose: false, cancellationToken).ConfigureAwait(false);
            health.Observed(status, time.GetUtcNow());
        }
        catch (RpcException)
        {
            // Nothing recorded: without a sync for the threshold the runtime becomes "down" in the Ready condition.
        }

        var plegProblem = pleg.IsHealthy(out var problem) ? null : problem;
        var (runtimeErrors, networkErrors) = health.Errors(time.GetUtcNow(), plegProblem);
        var signals = pressure.Current;
        IReadOnlyList<Api.ContainerImage>? nodeImages = null;
        try
        {
            nodeImages = NodeImages.From(await images.ListImagesAsync(null, cancellationToken).ConfigureAwait(false), options.MaxImages);
        }
        catch (RpcException)
        {
            // Kept as the API has them until the runtime answers.
        }

        return new NodeObservation(runtimeErrors, networkErrors, signals.Memory, signals.Disk, signals.Pid, nodeImages);
    }
}
