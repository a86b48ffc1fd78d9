using Sharplet.Api;

namespace Sharplet.Pods;

// The Services a pod's environment is built from (upstream's service lister).
internal interface IServiceSource
{
    // Null when the node has no API server: upstream's kubelet without a service lister sets no service
    // variables at all. With waitForSync (pods from the API), waits a bounded time for the first list and
    // then fails the container start, so a restarted node does not start a pod without KUBERNETES_SERVICE_HOST.
    Task<IReadOnlyList<Service>?> ListAsync(bool waitForSync, CancellationToken cancellationToken);
}
