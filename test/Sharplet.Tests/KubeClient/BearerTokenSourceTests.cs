using Microsoft.Extensions.Time.Testing;
using Sharplet.KubeClient;

namespace Sharplet.Tests.KubeClient;

public sealed class BearerTokenSourceTests : IDisposable
{
    private readonly FakeTimeProvider time = new();
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-token-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void GetToken_StaticOnly_IsTheStaticToken()
    {
        new BearerTokenSource("abc", null, TimeSpan.FromMinutes(1), time).GetToken().ShouldBe("abc");
    }

    [Fact]
    public void GetToken_TokenFile_WinsOverTheStaticTokenAndIsTrimmed()
    {
        var file = Path.Combine(dir, "t");
        File.WriteAllText(file, "from-file\n");

        new BearerTokenSource("static", file, TimeSpan.FromMinutes(1), time).GetToken().ShouldBe("from-file");
    }

    [Fact]
    public void GetToken_RotatedFile_IsPickedUpOnlyAfterTheRefreshPeriod()
    {
        var file = Path.Combine(dir, "t");
        File.WriteAllText(file, "one");
        var source = new BearerTokenSource(null, file, TimeSpan.FromMinutes(1), time);
        source.GetToken().ShouldBe("one");

        File.WriteAllText(file, "two");
        time.Advance(TimeSpan.FromSeconds(59));
        source.GetToken().ShouldBe("one");
        time.Advance(TimeSpan.FromSeconds(1));
        source.GetToken().ShouldBe("two");
    }

    [Fact]
    public void GetToken_FileGone_KeepsTheLastGoodTokenAndRemembersWhy()
    {
        var file = Path.Combine(dir, "t");
        File.WriteAllText(file, "good");
        var source = new BearerTokenSource(null, file, TimeSpan.FromMinutes(1), time);
        source.GetToken();

        File.Delete(file);
        time.Advance(TimeSpan.FromMinutes(1));

        source.GetToken().ShouldBe("good");
        source.LastReadError.ShouldStartWith($"cannot read tokenFile {file}");
    }
}
