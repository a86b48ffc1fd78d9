using Sharplet.Util;

namespace Sharplet.Tests.Util;

public sealed class Utf8TextTests
{
    [Fact]
    public void ByteOrderMark_IsSkipped() => Utf8Text.Decode([0xEF, 0xBB, 0xBF, (byte)'a'], out _).ShouldBe("a");

    [Fact]
    public void TruncatedSequenceAtTheEnd_IsAnError()
    {
        Utf8Text.Decode([(byte)'a', (byte)'\n', 0xC3], out var problem).ShouldBeNull();

        problem.ShouldBe("is not valid UTF-8: invalid byte 0xc3 at line 2 (byte offset 2)");
    }

    [Fact]
    public void MultiByteCharacters_AreKept() => Utf8Text.Decode("név: ☃"u8.ToArray(), out _).ShouldBe("név: ☃");
}
