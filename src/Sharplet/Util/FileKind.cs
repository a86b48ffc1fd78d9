using System.Runtime.InteropServices;

namespace Sharplet.Util;

// The file type bits and inode of stat(2), which .NET does not expose: hostPath's Socket/CharDevice/BlockDevice checks and
// RegularFile's refusal of anything but a regular file.
internal static partial class FileKind
{
    public enum Kind
    {
        Missing,
        Regular,
        Directory,
        Socket,
        CharDevice,
        BlockDevice,
        Fifo,
        Symlink,
        Other,
    }

    public static Kind Of(string path)
    {
        // statx with AT_STATX_SYNC_AS_STAT and STATX_TYPE; stx_mode is at offset 0x1c of struct statx.
        var buffer = new byte[256];
        if (Statx(-100, path, 0, 0x1, buffer) != 0)
        {
            return Kind.Missing;
        }

        return FromMode(BitConverter.ToUInt16(buffer, 0x1c));
    }

    // The S_IFMT bits of st_mode (stx_mode).
    public static Kind FromMode(int mode) => (mode & 0xF000) switch
    {
        0x8000 => Kind.Regular,
        0x4000 => Kind.Directory,
        0xC000 => Kind.Socket,
        0x2000 => Kind.CharDevice,
        0x6000 => Kind.BlockDevice,
        0x1000 => Kind.Fifo,
        0xA000 => Kind.Symlink,
        _ => Kind.Other,
    };

    // For messages: "is a FIFO, not a regular file".
    public static string Describe(Kind kind) => kind switch
    {
        Kind.Missing => "missing",
        Kind.Regular => "a regular file",
        Kind.Directory => "a directory",
        Kind.Socket => "a socket",
        Kind.CharDevice => "a character device",
        Kind.BlockDevice => "a block device",
        Kind.Fifo => "a FIFO",
        Kind.Symlink => "a symlink",
        _ => "a special file",
    };

    // The inode number (stx_ino, offset 0x20; STATX_INO), null when the path does not exist: tells a log reader
    // that the path now names another file (the log was rotated).
    public static ulong? Inode(string path)
    {
        var buffer = new byte[256];
        return Statx(-100, path, 0, 0x100, buffer) == 0 ? BitConverter.ToUInt64(buffer, 0x20) : null;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
