using Sharplet.Volumes;

namespace Sharplet.Tests.Volumes;

// The atomic writer's path rules and set arithmetic, without the file system.
public sealed class PayloadPathsTests
{
    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("/etc/passwd", "must be relative path")]
    [InlineData("a/../../b", "must not contain '..'")]
    [InlineData("..", "must not contain '..'")]
    [InlineData("..data", "must not start with '..'")]
    [InlineData("..2026_12_07/x", "must not start with '..'")]
    public void Problem_RefusesReservedAbsoluteClimbingAndEmptyPaths(string path, string expected) =>
        PayloadPaths.Problem(path).ShouldNotBeNull().ShouldContain(expected);

    [Theory]
    [InlineData("token")]
    [InlineData("dir/sub/file.txt")]
    [InlineData("a..b")]
    [InlineData(".hidden")]
    public void Problem_AcceptsOrdinaryRelativePaths(string path) => PayloadPaths.Problem(path).ShouldBeNull();

    [Fact]
    public void Problem_FileNameLongerThan255_IsRefused() =>
        PayloadPaths.Problem("d/" + new string('x', 256)).ShouldNotBeNull().ShouldContain("255");

    [Theory]
    [InlineData("a//b", "a/b")]
    [InlineData("./a/./b/", "a/b")]
    public void Clean_DropsDotAndEmptyElements(string path, string expected) => PayloadPaths.Clean(path).ShouldBe(expected);

    [Fact]
    public void TopLevelNames_AreTheFirstElementOfEachPath() =>
        PayloadPaths.TopLevelNames(["bar", "foo/bar", "baz/bar", "foo/baz/blah"]).OrderBy(n => n, StringComparer.Ordinal).ShouldBe(["bar", "baz", "foo"]);

    [Fact]
    public void ToRemove_KeepsDirectoriesThatStillHoldNewFiles()
    {
        var remove = PayloadPaths.ToRemove(["a", "dir", "dir/old", "dir/keep", "gone", "gone/x"], ["a", "dir/keep"]);

        remove.OrderBy(p => p, StringComparer.Ordinal).ShouldBe(["dir/old", "gone", "gone/x"]);
    }
}
