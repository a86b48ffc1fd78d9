using Sharplet.Api;
using Sharplet.NodeLease;
using Sharplet.Tests.Nodes;

namespace Sharplet.Tests.NodeLease;

// An API server holding at most one lease, with resourceVersions so updates are compare-and-swap as on a real one.
internal sealed class FakeLeaseApi : ILeaseApi
{
    private int version;

    public Lease? Stored { get; set; }

    // Null: the node does not exist (yet).
    public string? NodeUid { get; set; } = "node-uid";

    public int Gets { get; private set; }

    public List<Lease> Created { get; } = [];

    public List<Lease> Updates { get; } = [];

    public Queue<Exception> GetFailures { get; } = new();

    public Queue<Exception> UpdateFailures { get; } = new();

    public Task<Lease> GetAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        Gets++;
        if (GetFailures.TryDequeue(out var failure))
        {
            throw failure;
        }

        return Task.FromResult(Copy(Stored ?? throw ApiErrors.NotFound()));
    }

    public Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken)
    {
        if (Stored is not null)
        {
            throw ApiErrors.AlreadyExists();
        }

        Created.Add(Copy(lease));
        Stored = Copy(lease);
        Stored.Metadata!.ResourceVersion = (++version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(Copy(Stored));
    }

    public Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken)
    {
        if (UpdateFailures.TryDequeue(out var failure))
        {
            throw failure;
        }

        if (Stored is null)
        {
            throw ApiErrors.NotFound();
        }

        if (lease.Metadata?.ResourceVersion != Stored.Metadata!.ResourceVersion)
        {
            throw ApiErrors.Conflict();
        }

        Updates.Add(Copy(lease));
        Stored = Copy(lease);
        Stored.Metadata!.ResourceVersion = (++version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(Copy(Stored));
    }

    public Task<string> GetNodeUidAsync(string nodeName, CancellationToken cancellationToken) =>
        Task.FromResult(NodeUid ?? throw ApiErrors.NotFound());

    // Someone else wrote the lease: its resourceVersion moves on.
    public void TouchedByAnotherWriter() =>
        Stored!.Metadata!.ResourceVersion = (++version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Lease Copy(Lease lease) => KubeJson.Deserialize<Lease>(KubeJson.SerializeToUtf8Bytes(lease), KubeJson.Lenient)!;
}
