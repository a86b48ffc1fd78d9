using Sharplet.Api;
using Sharplet.Pods;

namespace Sharplet.TestSupport;

// Services as a lister would hold them; null Services is a node without an API server.
internal sealed class FakeServiceSource : IServiceSource
{
    public List<Service>? Services { get; set; } = [];

    public List<bool> Waits { get; } = [];

    public static Service Service(string ns, string name, string clusterIp, params (string? Name, int Port, string? Protocol)[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new ServiceSpec
        {
            ClusterIP = clusterIp,
            Ports = [.. ports.Select(p => new ServicePort { Name = p.Name, Number = p.Port, Protocol = p.Protocol })],
        },
    };

    public Task<IReadOnlyList<Service>?> ListAsync(bool waitForSync, CancellationToken cancellationToken)
    {
        Waits.Add(waitForSync);
        return Task.FromResult<IReadOnlyList<Service>?>(Services);
    }
}
