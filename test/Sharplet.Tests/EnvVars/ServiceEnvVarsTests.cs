using Sharplet.Api;
using Sharplet.EnvVars;
using Sharplet.TestSupport;

namespace Sharplet.Tests.EnvVars;

// upstream pkg/kubelet/envvars (FromServices) and getServiceEnvVarMap.
public sealed class ServiceEnvVarsTests
{
    private static readonly Service Kubernetes = FakeServiceSource.Service("default", "kubernetes", "10.96.0.1", ("https", 443, "TCP"));

    [Fact]
    public void FromServices_FirstPortUnnamedOthersNamed_GivesHostPortsAndDockerLinks()
    {
        var service = FakeServiceSource.Service("ns", "redis-master", "10.0.0.11", (null, 6379, null), ("metrics", 9121, "TCP"), ("gossip", 7000, "UDP"));

        var env = ServiceEnvVars.FromServices([service]);

        env.ShouldBe(
        [
            KeyValuePair.Create("REDIS_MASTER_SERVICE_HOST", "10.0.0.11"),
            KeyValuePair.Create("REDIS_MASTER_SERVICE_PORT", "6379"),
            KeyValuePair.Create("REDIS_MASTER_SERVICE_PORT_METRICS", "9121"),
            KeyValuePair.Create("REDIS_MASTER_SERVICE_PORT_GOSSIP", "7000"),
            KeyValuePair.Create("REDIS_MASTER_PORT", "tcp://10.0.0.11:6379"),
            KeyValuePair.Create("REDIS_MASTER_PORT_6379_TCP", "tcp://10.0.0.11:6379"),
            KeyValuePair.Create("REDIS_MASTER_PORT_6379_TCP_PROTO", "tcp"),
            KeyValuePair.Create("REDIS_MASTER_PORT_6379_TCP_PORT", "6379"),
            KeyValuePair.Create("REDIS_MASTER_PORT_6379_TCP_ADDR", "10.0.0.11"),
            KeyValuePair.Create("REDIS_MASTER_PORT_9121_TCP", "tcp://10.0.0.11:9121"),
            KeyValuePair.Create("REDIS_MASTER_PORT_9121_TCP_PROTO", "tcp"),
            KeyValuePair.Create("REDIS_MASTER_PORT_9121_TCP_PORT", "9121"),
            KeyValuePair.Create("REDIS_MASTER_PORT_9121_TCP_ADDR", "10.0.0.11"),
            KeyValuePair.Create("REDIS_MASTER_PORT_7000_UDP", "udp://10.0.0.11:7000"),
            KeyValuePair.Create("REDIS_MASTER_PORT_7000_UDP_PROTO", "udp"),
            KeyValuePair.Create("REDIS_MASTER_PORT_7000_UDP_PORT", "7000"),
            KeyValuePair.Create("REDIS_MASTER_PORT_7000_UDP_ADDR", "10.0.0.11"),
        ]);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("")]
    public void FromServices_HeadlessOrExternalName_GivesNothing(string clusterIp)
    {
        ServiceEnvVars.FromServices([FakeServiceSource.Service("ns", "db", clusterIp, (null, 5432, "TCP"))]).ShouldBeEmpty();
    }

    [Fact]
    public void FromServices_Ipv6ClusterIp_IsBracketedInUrlsOnly()
    {
        var env = ServiceEnvVars.FromServices([FakeServiceSource.Service("ns", "web", "fd00::a", (null, 80, "TCP"))]).ToDictionary();

        env["WEB_SERVICE_HOST"].ShouldBe("fd00::a");
        env["WEB_PORT"].ShouldBe("tcp://[fd00::a]:80");
        env["WEB_PORT_80_TCP_ADDR"].ShouldBe("fd00::a");
    }

    [Fact]
    public void ForPod_ServiceLinksOff_OnlyTheMasterService()
    {
        var own = FakeServiceSource.Service("app", "web", "10.96.5.5", (null, 80, "TCP"));

        var env = ServiceEnvVars.ForPod([own, Kubernetes], "app", enableServiceLinks: false);

        env.Keys.Order(StringComparer.Ordinal).ShouldBe(
        [
            "KUBERNETES_PORT", "KUBERNETES_PORT_443_TCP", "KUBERNETES_PORT_443_TCP_ADDR", "KUBERNETES_PORT_443_TCP_PORT",
            "KUBERNETES_PORT_443_TCP_PROTO", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "KUBERNETES_SERVICE_PORT_HTTPS",
        ]);
        env["KUBERNETES_SERVICE_HOST"].ShouldBe("10.96.0.1");
        env["KUBERNETES_SERVICE_PORT_HTTPS"].ShouldBe("443");
    }

    [Fact]
    public void ForPod_ServiceLinksOn_OwnNamespaceOnly()
    {
        var own = FakeServiceSource.Service("app", "web", "10.96.5.5", (null, 80, "TCP"));
        var other = FakeServiceSource.Service("elsewhere", "db", "10.96.6.6", (null, 5432, "TCP"));
        var defaultNs = FakeServiceSource.Service("default", "cache", "10.96.7.7", (null, 6379, "TCP"));

        var env = ServiceEnvVars.ForPod([own, other, defaultNs, Kubernetes], "app", enableServiceLinks: true);

        env["WEB_SERVICE_HOST"].ShouldBe("10.96.5.5");
        env["KUBERNETES_SERVICE_HOST"].ShouldBe("10.96.0.1");
        env.ShouldNotContainKey("DB_SERVICE_HOST");
        env.ShouldNotContainKey("CACHE_SERVICE_HOST");
    }

    [Fact]
    public void ForPod_InDefaultNamespace_LinksItsServices()
    {
        var defaultNs = FakeServiceSource.Service("default", "cache", "10.96.7.7", (null, 6379, "TCP"));

        ServiceEnvVars.ForPod([defaultNs, Kubernetes], "default", enableServiceLinks: true)["CACHE_SERVICE_HOST"].ShouldBe("10.96.7.7");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ForPod_OwnNamespacesKubernetesService_WinsOverTheMasterOne_InEitherOrder(bool masterFirst)
    {
        var own = FakeServiceSource.Service("app", "kubernetes", "10.96.9.9", (null, 8443, "TCP"));
        Service[] listed = masterFirst ? [Kubernetes, own] : [own, Kubernetes];

        var env = ServiceEnvVars.ForPod(listed, "app", enableServiceLinks: true);

        env["KUBERNETES_SERVICE_HOST"].ShouldBe("10.96.9.9");
        env["KUBERNETES_SERVICE_PORT"].ShouldBe("8443");
    }

    [Fact]
    public void ForPod_HeadlessMasterService_GivesNothing()
    {
        var headless = FakeServiceSource.Service("default", "kubernetes", "None", (null, 443, "TCP"));

        ServiceEnvVars.ForPod([headless], "app", enableServiceLinks: true).ShouldBeEmpty();
    }
}
