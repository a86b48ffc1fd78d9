using System.Buffers;
using System.Text.Unicode;

namespace Sharplet.Util;

// Input files are UTF-8 (as upstream's YAML and JSON decoders require): a UTF-8 byte order mark is skipped, and
// an invalid byte is an error naming its line and offset rather than a silent U+FFFD in a pod's command.
internal static class Utf8Text
{
    public static string? Decode(ReadOnlySpan<byte> bytes, out string? problem)
    {
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var line = bytes[..read].Count((byte)'\n') + 1;
            problem = $"is not valid UTF-8: invalid byte 0x{bytes[read]:x2} at line {line} (byte offset {read})";
            return null;
        }

        problem = null;
        return new string(chars, 0, written);
    }

    public static string? Decode(byte[] bytes, out string? problem) => Decode(bytes.AsSpan(), out problem);
}
