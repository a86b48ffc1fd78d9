using Sharplet.Api;
using Sharplet.KubeRuntime;
using Sharplet.TestSupport;

namespace Sharplet.Tests.KubeRuntime;

// upstream managedHostsFileContent: loopback entries, the pod's IPs and names, then spec.hostAliases.
public sealed class EtcHostsFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-hosts-").FullName;
    private readonly string nodeHosts;

    public EtcHostsFileTests()
    {
        nodeHosts = Path.Combine(dir, "node-hosts");
        File.WriteAllText(nodeHosts, "127.0.0.1 localhost\n192.168.1.10 node-1\n");
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private const string Loopback =
        "# Kubernetes-managed hosts file.\n" +
        "127.0.0.1\tlocalhost\n" +
        "::1\tlocalhost ip6-localhost ip6-loopback\n" +
        "fe00::0\tip6-localnet\n" +
        "fe00::0\tip6-mcastprefix\n" +
        "fe00::1\tip6-allnodes\n" +
        "fe00::2\tip6-allrouters\n";

    private string Write(Pod pod, params string[] ips)
    {
        var path = Path.Combine(dir, "pod", "etc-hosts");
        EtcHostsFile.Write(path, pod, ips, "cluster.local", nodeHosts);
        return File.ReadAllText(path);
    }

    [Fact]
    public void PodIps_MapToThePodName()
    {
        Write(new PodBuilder().Container("a").Build(), "10.1.0.5", "fd01::5")
            .ShouldBe(Loopback + "10.1.0.5\tweb\nfd01::5\tweb\n");
    }

    [Fact]
    public void Hostname_WinsOverThePodName()
    {
        Write(new PodBuilder().Spec(s => s.Hostname = "db-0").Container("a").Build(), "10.1.0.5")
            .ShouldBe(Loopback + "10.1.0.5\tdb-0\n");
    }

    [Fact]
    public void Subdomain_AddsTheFullyQualifiedName()
    {
        var pod = new PodBuilder().Meta(m => m.Namespace = "shop").Spec(s =>
        {
            s.Hostname = "db-0";
            s.Subdomain = "db";
        }).Container("a").Build();

        Write(pod, "10.1.0.5").ShouldBe(Loopback + "10.1.0.5\tdb-0.db.shop.svc.cluster.local\tdb-0\n");
    }

    [Fact]
    public void LongName_IsCutTo63CharactersWithoutATrailingDash()
    {
        var name = new string('a', 62) + "-bcd";
        var pod = new PodBuilder().Meta(m => m.Name = name).Container("a").Build();

        Write(pod, "10.1.0.5").ShouldBe(Loopback + $"10.1.0.5\t{new string('a', 62)}\n");
    }

    [Fact]
    public void HostNetwork_IsTheNodesHostsFileWithTheAliases()
    {
        var pod = new PodBuilder().HostNetwork().Spec(s => s.HostAliases = [new HostAlias { IP = "10.9.9.9", Hostnames = ["api.internal"] }]).Container("a").Build();

        Write(pod, "192.168.1.10").ShouldBe(
            "# Kubernetes-managed hosts file (host network).\n" +
            "127.0.0.1 localhost\n192.168.1.10 node-1\n" +
            "\n# Entries added by HostAliases.\n" +
            "10.9.9.9\tapi.internal\n");
    }

    [Fact]
    public void HostAliases_AreAppendedInTheirOwnSection()
    {
        var pod = new PodBuilder().Spec(s => s.HostAliases =
        [
            new HostAlias { IP = "127.0.0.1", Hostnames = ["foo.local", "bar.local"] },
            new HostAlias { IP = "10.1.2.3", Hostnames = ["foo.remote"] },
        ]).Container("a").Build();

        Write(pod, "10.1.0.5").ShouldBe(
            Loopback + "10.1.0.5\tweb\n" +
            "\n# Entries added by HostAliases.\n" +
            "127.0.0.1\tfoo.local\tbar.local\n" +
            "10.1.2.3\tfoo.remote\n");
    }

    [Fact]
    public void Rewrite_OnlyWhenTheContentChanges()
    {
        var pod = new PodBuilder().Container("a").Build();
        var path = Path.Combine(dir, "pod", "etc-hosts");
        EtcHostsFile.Write(path, pod, ["10.1.0.5"], "cluster.local");
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        EtcHostsFile.Write(path, pod, ["10.1.0.5"], "cluster.local");
        File.GetLastWriteTimeUtc(path).ShouldBe(stamp);

        EtcHostsFile.Write(path, pod, ["10.1.0.6"], "cluster.local");
        File.GetLastWriteTimeUtc(path).ShouldNotBe(stamp);
        File.ReadAllText(path).ShouldEndWith("10.1.0.6\tweb\n");
    }
}
