using System.Text;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Volumes;

namespace Sharplet.Tests.Volumes;

// Real files in a temporary directory: the ..data swap, the user-visible links, stale names, no rewrite of an
// unchanged set.
public sealed class AtomicWriterTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("atomic-writer-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 7, 1, 2, 3, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Write_FilesAppearAsLinksThroughDataIntoATimestampedDirectory_WithTheirModes()
    {
        var writer = new AtomicWriter(time);

        writer.Write(dir, Payload(("token", "t1", 0b110_100_100), ("sub/ca.crt", "ca", 0b110_000_000))).ShouldBeTrue();

        new FileInfo(Path.Combine(dir, "token")).LinkTarget.ShouldBe("..data/token");
        new FileInfo(Path.Combine(dir, "sub")).LinkTarget.ShouldBe("..data/sub");
        new FileInfo(Path.Combine(dir, "..data")).LinkTarget.ShouldStartWith("..2026_12_07_01_02_03.");
        File.ReadAllText(Path.Combine(dir, "sub", "ca.crt")).ShouldBe("ca");
        File.GetUnixFileMode(Path.Combine(dir, "..data", "sub", "ca.crt")).ShouldBe((UnixFileMode)0b110_000_000);
        File.GetUnixFileMode(Path.Combine(dir, "..data", "token")).ShouldBe((UnixFileMode)0b110_100_100);
    }

    [Fact]
    public void Write_SameSetAgain_ChangesNothingOnDisk()
    {
        var writer = new AtomicWriter(time);
        writer.Write(dir, Payload(("a", "1", 420)));
        var before = new FileInfo(Path.Combine(dir, "..data")).LinkTarget;

        time.Advance(TimeSpan.FromMinutes(1));
        writer.Write(dir, Payload(("a", "1", 420))).ShouldBeFalse();

        new FileInfo(Path.Combine(dir, "..data")).LinkTarget.ShouldBe(before);
    }

    [Fact]
    public void Write_ChangedSet_SwapsDataRemovesStaleNamesAndTheOldDirectory()
    {
        var writer = new AtomicWriter(time);
        writer.Write(dir, Payload(("a", "1", 420), ("b", "2", 420)));
        var old = new FileInfo(Path.Combine(dir, "..data")).LinkTarget!;

        time.Advance(TimeSpan.FromSeconds(5));
        writer.Write(dir, Payload(("a", "changed", 420))).ShouldBeTrue();

        File.ReadAllText(Path.Combine(dir, "a")).ShouldBe("changed");
        Path.Exists(Path.Combine(dir, "b")).ShouldBeFalse();
        new FileInfo(Path.Combine(dir, "b")).LinkTarget.ShouldBeNull();
        Directory.Exists(Path.Combine(dir, old)).ShouldBeFalse();
        Path.Exists(Path.Combine(dir, AtomicWriter.NewDataDirName)).ShouldBeFalse();
    }

    [Fact]
    public void Write_ModeChangeAlone_IsWritten()
    {
        var writer = new AtomicWriter(time);
        writer.Write(dir, Payload(("a", "1", 420)));

        writer.Write(dir, Payload(("a", "1", 256))).ShouldBeTrue();

        File.GetUnixFileMode(Path.Combine(dir, "..data", "a")).ShouldBe((UnixFileMode)256);
    }

    [Fact]
    public void Write_InvalidPath_IsRefusedAndTheCurrentSetStays()
    {
        var writer = new AtomicWriter(time);
        writer.Write(dir, Payload(("a", "1", 420)));

        Should.Throw<ArgumentException>(() => writer.Write(dir, Payload(("a", "2", 420), ("../escape", "x", 420)))).Message.ShouldContain("must not contain '..'");

        File.ReadAllText(Path.Combine(dir, "a")).ShouldBe("1");
        Path.Exists(Path.Combine(Path.GetDirectoryName(dir)!, "escape")).ShouldBeFalse();
    }

    [Fact]
    public void Write_FailingPermissionHook_LeavesTheOldSetVisibleAndNoHalfWrittenDirectory()
    {
        var writer = new AtomicWriter(time);
        writer.Write(dir, Payload(("a", "1", 420)));

        Should.Throw<IOException>(() => writer.Write(dir, Payload(("a", "2", 420)), _ => throw new IOException("chown failed")));

        File.ReadAllText(Path.Combine(dir, "a")).ShouldBe("1");
        Directory.GetDirectories(dir, "..2*").Length.ShouldBe(1);
    }

    private static Dictionary<string, FileProjection> Payload(params (string Path, string Data, int Mode)[] files) =>
        files.ToDictionary(f => f.Path, f => new FileProjection(Encoding.UTF8.GetBytes(f.Data), f.Mode), StringComparer.Ordinal);
}
