using Sharplet.Util;

namespace Sharplet.Tests.Util;

public sealed class RegularFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-regular-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void RegularFile_IsReadWhole_WithItsStamp()
    {
        var path = Path.Combine(dir, "a");
        File.WriteAllText(path, "hello");

        var content = RegularFile.Read(path, 5);

        content.Problem.ShouldBeNull();
        content.Bytes.ShouldBe("hello"u8.ToArray());
        content.Stamp.Size.ShouldBe(5);
        RegularFile.Stamp(path).ShouldBe(content.Stamp);
    }

    [Fact]
    public void OneByteOverTheLimit_IsRefused()
    {
        var path = Path.Combine(dir, "a");
        File.WriteAllText(path, "hello!");

        RegularFile.Read(path, 5).Problem.ShouldBe("is 6 bytes, over the limit of 5 bytes");
    }

    [Fact]
    public void MissingFile_IsMissing() => RegularFile.Read(Path.Combine(dir, "none"), 5).Missing.ShouldBeTrue();

    [Fact]
    public void ReplacedFile_HasANewStamp()
    {
        var path = Path.Combine(dir, "a");
        File.WriteAllText(path, "one");
        var before = RegularFile.Stamp(path);
        File.WriteAllText(path + ".new", "two");
        File.SetLastWriteTimeUtc(path + ".new", File.GetLastWriteTimeUtc(path));
        File.Move(path + ".new", path, overwrite: true);

        RegularFile.Stamp(path).ShouldNotBe(before);
    }

    [Fact]
    public void Directory_HasNoStamp() => RegularFile.Stamp(dir).ShouldBeNull();
}
