using Sharplet.IntegrationTests.Infrastructure;

namespace Sharplet.IntegrationTests.ConnectedPods;

// One registry that wants a password and one connected node for the pull-secret tests of a class.
public sealed class PullSecretCluster : IAsyncLifetime
{
    internal AuthRegistry Registry { get; private set; } = null!;

    internal ConnectedCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Registry = await AuthRegistry.StartAsync("pullsecret");
        Cluster = await ConnectedCluster.StartAsync("pullsecret");
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Registry.DisposeAsync();
    }
}
