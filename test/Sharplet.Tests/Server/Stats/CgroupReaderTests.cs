using Sharplet.Server.Stats;

namespace Sharplet.Tests.Server.Stats;

public sealed class CgroupReaderTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cgroupreader").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Memory_V1_IsUsageLessInactiveFileWithRssAndFaultsFromTotals()
    {
        Write("memory/kubepods/memory.stat", "cache 1\nrss 2\ntotal_cache 500\ntotal_rss 3000\ntotal_inactive_file 400\ntotal_pgfault 70\ntotal_pgmajfault 6\n");
        Write("memory/kubepods/memory.usage_in_bytes", "10000\n");

        new CgroupReader(root).Memory("/kubepods").ShouldBe((10000UL, 9600UL, 3000UL, 70UL, 6UL));
    }

    [Fact]
    public void Memory_V2_ReadsTheUnifiedFiles()
    {
        Write("cgroup.controllers", "cpu memory\n");
        Write("kubepods/memory.stat", "anon 3000\nfile 500\ninactive_file 12000\npgfault 70\npgmajfault 6\n");
        Write("kubepods/memory.current", "10000\n");

        new CgroupReader(root).Memory("kubepods").ShouldBe((10000UL, 0UL, 3000UL, 70UL, 6UL));
    }

    [Fact]
    public void Memory_MissingCgroup_IsNull()
    {
        new CgroupReader(root).Memory("/gone").ShouldBeNull();
    }

    [Fact]
    public void Memory_MissingStat_CountsItsFiguresAsZero()
    {
        Write("memory/p/memory.usage_in_bytes", "10000\n");

        new CgroupReader(root).Memory("/p").ShouldBe((10000UL, 10000UL, 0UL, 0UL, 0UL));
    }

    [Fact]
    public void CpuUsageNanoseconds_V2_IsUsageUsecTimesThousand_V1_IsCpuacctUsage()
    {
        Write("cpuacct/p/cpuacct.usage", "123456789\n");
        new CgroupReader(root).CpuUsageNanoseconds("/p").ShouldBe(123456789UL);

        Write("cgroup.controllers", "cpu\n");
        Write("p/cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\n");
        new CgroupReader(root).CpuUsageNanoseconds("/p").ShouldBe(1500000UL);
    }

    [Fact]
    public void Processes_CountsDistinctPidsBelowTheCgroupAndNamesTheFirst()
    {
        Write("memory/pod/cgroup.procs", "");
        Write("memory/pod/sandbox/cgroup.procs", "41\n");
        Write("memory/pod/app/cgroup.procs", "41\n42\n43\n");

        var (count, first) = new CgroupReader(root).Processes("/pod");

        count.ShouldBe(3);
        first.ShouldNotBeNull();
        first.Value.ShouldBeInRange(41, 43);
    }

    [Fact]
    public void Processes_MissingCgroup_IsNone()
    {
        new CgroupReader(root).Processes("/gone").ShouldBe((0, (int?)null));
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
