using System.Text;
using Sharplet.Util;

namespace Sharplet.Tests.Util;

public sealed class ProcFileTests
{
    [Fact]
    public void Read_FileLargerThanTheInitialBuffer_ReturnsAllOfIt()
    {
        var path = Path.GetTempFileName();
        try
        {
            var content = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"key{i} {i}"));
            File.WriteAllText(path, content);

            Encoding.UTF8.GetString(ProcFile.Read(path)).ShouldBe(content);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_ProcfsFileReportingSizeZero_ReadsToTheEnd()
    {
        var text = Encoding.UTF8.GetString(ProcFile.Read("/proc/self/status"));

        text.ShouldStartWith("Name:");
        text.ShouldContain("VmRSS:");
    }

    [Fact]
    public void Value_KeyedLines_ReturnsTheFirstTokenOfTheMatchingKeyOnly()
    {
        var stat = "total_rss_huge 7\ntotal_rss 4096\nrss 12\ntotal_pgfault   99 extra\n"u8;

        ProcFile.Value(stat, (byte)' ', "total_rss"u8).ShouldBe(4096UL);
        ProcFile.Value(stat, (byte)' ', "total_pgfault"u8).ShouldBe(99UL);
        ProcFile.Value(stat, (byte)' ', "total_cache"u8).ShouldBeNull();
    }

    [Fact]
    public void Value_MeminfoStyle_TrimsAroundTheSeparatorAndDropsTheUnit()
    {
        var meminfo = "MemTotal:       16384 kB\nMemFree:         2048 kB\n"u8;

        ProcFile.Value(meminfo, (byte)':', "MemTotal"u8).ShouldBe(16384UL);
        ProcFile.Value(meminfo, (byte)':', "MemFree"u8).ShouldBe(2048UL);
    }

    [Fact]
    public void Value_NonNumericValue_IsNull()
    {
        ProcFile.Value("anon max\n"u8, (byte)' ', "anon"u8).ShouldBeNull();
    }

    // Every key of every memory.stat on this machine (v1 or v2), from one read's bytes: the same value as the
    // line-by-line parse the stats used before (last line wins, first token after the key).
    [Fact]
    public void Value_EveryMemoryStatOnThisMachine_MatchesALineByLineParse()
    {
        var hierarchy = Directory.Exists("/sys/fs/cgroup/memory") ? "/sys/fs/cgroup/memory" : "/sys/fs/cgroup";
        var files = Directory.EnumerateFiles(hierarchy, "memory.stat", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }).Take(300).ToList();
        files.ShouldNotBeEmpty();
        var keys = 0;
        foreach (var file in files)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file);
            }
            catch (IOException)
            {
                continue; // the cgroup went away
            }

            var expected = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
            {
                var at = line.IndexOf(' ', StringComparison.Ordinal);
                if (at > 0 && ulong.TryParse(line[(at + 1)..].Trim().Split(' ')[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                {
                    expected[line[..at].Trim()] = n;
                }
            }

            foreach (var (key, value) in expected)
            {
                ProcFile.Value(bytes, (byte)' ', Encoding.UTF8.GetBytes(key)).ShouldBe(value, $"{file}: {key}");
                keys++;
            }
        }

        keys.ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("123456\n", 123456UL)]
    [InlineData("  42  ", 42UL)]
    [InlineData("max\n", null)]
    [InlineData("", null)]
    public void Number_WholeFile_ParsesOneDecimalOrNull(string text, ulong? expected)
    {
        ProcFile.Number(Encoding.UTF8.GetBytes(text)).ShouldBe(expected);
    }
}
