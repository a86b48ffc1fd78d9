namespace Sharplet.IntegrationTests.Server;

// The kubectl and auth tests share one private API server and node (both take a while to start).
[CollectionDefinition(Name)]
public sealed class KubeletServerCollection : ICollectionFixture<KubeletServerCluster>
{
    public const string Name = "kubelet server";
}
