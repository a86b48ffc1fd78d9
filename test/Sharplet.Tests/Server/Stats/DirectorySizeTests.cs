using Sharplet.Server.Stats;

namespace Sharplet.Tests.Server.Stats;

public sealed class DirectorySizeTests
{
    [Fact]
    public void DirectorySize_SumsEveryFileBelowIncludingHiddenAndNested()
    {
        var dir = Directory.CreateTempSubdirectory("dirsize").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "0.log"), new byte[1000]);
            File.WriteAllBytes(Path.Combine(dir, ".hidden"), new byte[20]);
            Directory.CreateDirectory(Path.Combine(dir, "a", "b"));
            File.WriteAllBytes(Path.Combine(dir, "a", "b", "1.log.gz"), new byte[300]);

            StatsProvider.DirectorySize(dir).ShouldBe(1320UL);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void DirectorySize_MissingDirectory_IsZero()
    {
        StatsProvider.DirectorySize("/nonexistent/sharplet-dirsize").ShouldBe(0UL);
    }
}
