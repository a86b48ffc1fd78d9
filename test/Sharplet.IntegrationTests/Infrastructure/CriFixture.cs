using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Grpc;

namespace Sharplet.IntegrationTests.Infrastructure;

// One connection to the local containerd for a test class, plus cleanup of every sandbox the class created
// (tests use distinct pod UIDs, so parallel classes never touch each other's sandboxes).
public sealed class CriFixture : IAsyncLifetime
{
    private readonly List<string> sandboxes = [];

    internal CriConnection Connection { get; private set; } = null!;

    internal IRuntimeService Runtime => Connection.Runtime;

    internal IImageService Images => Connection.Images;

    public Task InitializeAsync()
    {
        Connection = new CriConnection(LocalNode.RuntimeEndpoint, null, new GrpcChannelOptions(), new CriTimeouts(), TimeProvider.System);
        return Task.CompletedTask;
    }

    internal void Track(string sandboxId)
    {
        lock (sandboxes)
        {
            sandboxes.Add(sandboxId);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var id in sandboxes)
        {
            try
            {
                await Runtime.StopPodSandboxAsync(id, CancellationToken.None);
                await Runtime.RemovePodSandboxAsync(id, CancellationToken.None);
            }
            catch (RpcException)
            {
                // Already gone (a test removed it): nothing to clean.
            }
        }

        Connection.Dispose();
    }
}
