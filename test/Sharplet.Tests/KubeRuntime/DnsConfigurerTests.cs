using Sharplet.Api;
using Sharplet.Cri.V1;
using Sharplet.KubeRuntime;
using Sharplet.TestSupport;

namespace Sharplet.Tests.KubeRuntime;

// pkg/kubelet/network/dns: the pod's resolv.conf by DNS policy, merged with spec.dnsConfig.
public sealed class DnsConfigurerTests : IDisposable
{
    private readonly string resolvConf = Path.GetTempFileName();

    public DnsConfigurerTests() => File.WriteAllText(resolvConf, """
        # written by the installer
        nameserver 192.168.1.1
        nameserver 192.168.1.2
        search corp.example. lab.example
        options timeout:2 attempts:3
        """);

    public void Dispose() => File.Delete(resolvConf);

    private DNSConfig Build(Action<PodBuilder>? configure = null, string[]? clusterDns = null)
    {
        var settings = new RuntimeSettings { ClusterDns = clusterDns ?? ["10.96.0.10"], ClusterDomain = "cluster.local", ResolvConf = resolvConf };
        var builder = new PodBuilder().Meta(m => m.Namespace = "shop").Container("a");
        configure?.Invoke(builder);
        return new DnsConfigurer(settings).Build(builder.Build());
    }

    private static void Policy(PodBuilder b, string policy) => b.Spec(s => s.DnsPolicy = policy);

    [Fact]
    public void ClusterFirst_ClusterServerNamespaceSearchPathAndNdots()
    {
        var dns = Build();

        dns.Servers.ShouldBe(["10.96.0.10"]);
        dns.Searches.ShouldBe(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example", "lab.example"]);
        dns.Options.ShouldBe(["ndots:5"]);
    }

    [Fact]
    public void ClusterFirst_HostSearchRepeatingAClusterDomain_IsNotDuplicated()
    {
        File.WriteAllText(resolvConf, "nameserver 192.168.1.1\nsearch cluster.local corp.example\n");

        Build().Searches.ShouldBe(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"]);
    }

    [Fact]
    public void Default_CopiesTheNodesResolvConf()
    {
        var dns = Build(b => Policy(b, DNSPolicy.Default));

        dns.Servers.ShouldBe(["192.168.1.1", "192.168.1.2"]);
        dns.Searches.ShouldBe(["corp.example", "lab.example"]);
        dns.Options.ShouldBe(["timeout:2", "attempts:3"]);
    }

    [Fact]
    public void HostResolvConf_LastSearchWins_DotOnlyIsDropped_OptionsDeduplicated()
    {
        File.WriteAllText(resolvConf, "nameserver 192.168.1.1\nsearch old.example\nsearch new.example. .\noptions ndots:2 timeout:1\noptions ndots:3\n");

        var dns = Build(b => Policy(b, DNSPolicy.Default));

        dns.Searches.ShouldBe(["new.example"]);
        dns.Options.ShouldBe(["ndots:3", "timeout:1"], ignoreOrder: true);
    }

    [Fact]
    public void ClusterFirstOnTheHostNetwork_IsDefault()
    {
        var dns = Build(b => b.HostNetwork());

        dns.Servers.ShouldBe(["192.168.1.1", "192.168.1.2"]);
    }

    [Fact]
    public void ClusterFirstWithHostNet_OnTheHostNetwork_UsesClusterDns()
    {
        var dns = Build(b =>
        {
            b.HostNetwork();
            Policy(b, DNSPolicy.ClusterFirstWithHostNet);
        });

        dns.Servers.ShouldBe(["10.96.0.10"]);
        dns.Options.ShouldBe(["ndots:5"]);
    }

    [Fact]
    public void ClusterFirstWithoutClusterDns_FallsBackToDefault()
    {
        var dns = Build(clusterDns: []);

        dns.Servers.ShouldBe(["192.168.1.1", "192.168.1.2"]);
        dns.Searches.ShouldBe(["corp.example", "lab.example"]);
    }

    [Fact]
    public void None_OnlyThePodsDnsConfig()
    {
        var dns = Build(b => b.Spec(s =>
        {
            s.DnsPolicy = DNSPolicy.None;
            s.DnsConfig = new PodDNSConfig
            {
                Nameservers = ["1.1.1.1"],
                Searches = ["example.org"],
                Options = [new PodDNSConfigOption { Name = "ndots", Value = "2" }, new PodDNSConfigOption { Name = "edns0" }],
            };
        }));

        dns.Servers.ShouldBe(["1.1.1.1"]);
        dns.Searches.ShouldBe(["example.org"]);
        dns.Options.ShouldBe(["ndots:2", "edns0"]);
    }

    [Fact]
    public void DnsConfig_IsMergedWithoutDuplicates_OptionsOverrideByName()
    {
        var dns = Build(b => b.Spec(s => s.DnsConfig = new PodDNSConfig
        {
            Nameservers = ["10.96.0.10", "1.1.1.1"],
            Searches = ["cluster.local", "example.org"],
            Options = [new PodDNSConfigOption { Name = "ndots", Value = "1" }, new PodDNSConfigOption { Name = "single-request" }],
        }));

        dns.Servers.ShouldBe(["10.96.0.10", "1.1.1.1"]);
        dns.Searches.ShouldBe(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example", "lab.example", "example.org"]);
        dns.Options.ShouldBe(["ndots:1", "single-request"], ignoreOrder: true);
    }

    [Fact]
    public void MoreThanThreeNameservers_AreCutToThree()
    {
        File.WriteAllText(resolvConf, "nameserver 10.0.0.1\nnameserver 10.0.0.2\nnameserver 10.0.0.3\nnameserver 10.0.0.4\n");

        Build(b => Policy(b, DNSPolicy.Default)).Servers.ShouldBe(["10.0.0.1", "10.0.0.2", "10.0.0.3"]);
    }

    [Fact]
    public void MoreThan32SearchPaths_AreCutTo32()
    {
        var many = Enumerable.Range(1, 40).Select(i => $"d{i}.example").ToList();
        File.WriteAllText(resolvConf, "nameserver 10.0.0.1\nsearch " + string.Join(' ', many) + "\n");

        Build(b => Policy(b, DNSPolicy.Default)).Searches.ShouldBe(many.Take(32));
    }
}
