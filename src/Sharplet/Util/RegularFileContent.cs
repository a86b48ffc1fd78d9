namespace Sharplet.Util;

// The outcome of RegularFile.Read: the bytes and their stamp, or why the file was not read (Problem, a phrase
// to follow the file's name), or Missing when it does not exist (any more).
internal sealed record RegularFileContent(byte[]? Bytes, FileStamp Stamp, string? Problem, bool Missing)
{
    public static RegularFileContent Gone { get; } = new(null, default, null, Missing: true);

    public static RegularFileContent Refused(string problem, FileStamp stamp = default) => new(null, stamp, problem, Missing: false);
}
