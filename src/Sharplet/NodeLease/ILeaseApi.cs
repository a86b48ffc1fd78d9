using Sharplet.Api;

namespace Sharplet.NodeLease;

// The calls of the node lease controller. Failures are KubeApiException (404 and 409 included),
// KubeConnectionException or TimeoutException.
internal interface ILeaseApi
{
    Task<Lease> GetAsync(string namespaceName, string name, CancellationToken cancellationToken);

    Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken);

    // PUT: the lease's resourceVersion makes it a compare-and-swap (409 when someone wrote it since).
    Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken);

    // The UID of the node the lease belongs to, for its owner reference.
    Task<string> GetNodeUidAsync(string nodeName, CancellationToken cancellationToken);
}
