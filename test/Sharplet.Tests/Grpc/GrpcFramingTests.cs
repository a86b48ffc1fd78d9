using Google.Protobuf.WellKnownTypes;
using Sharplet.Grpc;

namespace Sharplet.Tests.Grpc;

public sealed class GrpcFramingTests
{
    [Fact]
    public void Encode_WritesZeroFlagAndBigEndianLength()
    {
        var frame = GrpcFraming.Encode(new StringValue { Value = "abc" }, 1024);

        frame[0].ShouldBe((byte)0);
        frame.AsSpan(1, 4).ToArray().ShouldBe(new byte[] { 0, 0, 0, 5 });
        StringValue.Parser.ParseFrom(frame, 5, 5).Value.ShouldBe("abc");
    }

    [Fact]
    public async Task Read_TwoFramesThenEnd_ReturnsBothThenNull()
    {
        var bytes = GrpcFraming.Encode(new StringValue { Value = "a" }, 100).Concat(GrpcFraming.Encode(new StringValue { Value = "b" }, 100)).ToArray();
        using var stream = new MemoryStream(bytes);

        (await GrpcFraming.ReadAsync(stream, StringValue.Parser, 100, CancellationToken.None))!.Value.ShouldBe("a");
        (await GrpcFraming.ReadAsync(stream, StringValue.Parser, 100, CancellationToken.None))!.Value.ShouldBe("b");
        (await GrpcFraming.ReadAsync(stream, StringValue.Parser, 100, CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Read_EmptyMessage_ReturnsDefaultInstance()
    {
        using var stream = new MemoryStream(GrpcFraming.Encode(new Empty(), 100));

        (await GrpcFraming.ReadAsync(stream, Empty.Parser, 100, CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Read_TruncatedHeader_IsProtocolError()
    {
        using var stream = new MemoryStream([0, 0, 0]);

        await Should.ThrowAsync<InvalidDataException>(() => GrpcFraming.ReadAsync(stream, StringValue.Parser, 100, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Read_TruncatedBody_IsProtocolError()
    {
        var frame = GrpcFraming.Encode(new StringValue { Value = "abcdef" }, 100);
        using var stream = new MemoryStream(frame[..^2]);

        await Should.ThrowAsync<InvalidDataException>(() => GrpcFraming.ReadAsync(stream, StringValue.Parser, 100, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Read_CompressedFlag_IsRejected()
    {
        var frame = GrpcFraming.Encode(new StringValue { Value = "a" }, 100);
        frame[0] = 1;
        using var stream = new MemoryStream(frame);

        var ex = await Should.ThrowAsync<InvalidDataException>(() => GrpcFraming.ReadAsync(stream, StringValue.Parser, 100, CancellationToken.None).AsTask());
        ex.Message.ShouldContain("compressed");
    }

    [Fact]
    public async Task Read_LengthOverLimit_FailsWithoutReadingBody()
    {
        using var stream = new MemoryStream([0, 0x7f, 0xff, 0xff, 0xff]);

        await Should.ThrowAsync<MessageTooLargeException>(() => GrpcFraming.ReadAsync(stream, StringValue.Parser, 1024, CancellationToken.None).AsTask());
    }

    [Fact]
    public void Encode_OverLimit_Throws()
    {
        Should.Throw<InvalidDataException>(() => GrpcFraming.Encode(new StringValue { Value = new string('x', 50) }, 10));
    }
}
