using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace Sharplet.Grpc;

// The gRPC length-prefixed message: one byte "compressed" flag, a 4-byte big-endian length, the protobuf bytes.
internal static class GrpcFraming
{
    public const int HeaderSize = 5;

    public static byte[] Encode(IMessage message, int maxSize)
    {
        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new InvalidDataException($"message of {size} bytes exceeds the send limit of {maxSize} bytes");
        }

        var frame = new byte[HeaderSize + size];
        frame[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)size);
        message.WriteTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    // Reads the next message, or returns null at a clean end of stream (between messages). A stream that ends
    // inside a frame, a compressed frame (we never negotiate compression) or an oversized one is a protocol error.
    public static async ValueTask<T?> ReadAsync<T>(Stream stream, MessageParser<T> parser, int maxSize, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        var header = new byte[HeaderSize];
        var read = await stream.ReadAtLeastAsync(header, HeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < HeaderSize)
        {
            throw new InvalidDataException($"stream ended inside a message header ({read} of {HeaderSize} bytes)");
        }

        if (header[0] != 0)
        {
            throw new InvalidDataException(header[0] == 1
                ? "peer sent a compressed message but no compression was negotiated"
                : $"invalid message flag {header[0]}");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1, 4));
        if (length > (uint)maxSize)
        {
            throw new MessageTooLargeException($"received message of {length} bytes exceeds the limit of {maxSize} bytes");
        }

        var size = (int)length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
            return parser.ParseFrom(buffer, 0, size);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"stream ended inside a message of {size} bytes", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
