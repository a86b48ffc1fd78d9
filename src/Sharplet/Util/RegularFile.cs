using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Sharplet.Util;

// Reads an input file that anyone able to write into a folder may have planted: only a regular file (or a symlink
// to one) is read, never a FIFO, device, socket or directory, and never more than a limit. The type is checked
// before the open, the open is O_NONBLOCK (a file swapped for a FIFO in between cannot block it) and the opened
// descriptor's own type and size decide, so the check and the read are about the same file. Linux only (statx).
internal static partial class RegularFile
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int ORdOnly = 0;
    private const int ONoCtty = 0x100;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;
    private const int ENoEnt = 2;
    private const int ENotDir = 20;

    public static RegularFileContent Read(string path, int maxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Describe(path) is { } refusal)
        {
            return refusal;
        }

        var fd = Open(path, ORdOnly | ONonBlock | OCloExec | ONoCtty);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is ENoEnt or ENotDir ? RegularFileContent.Gone : RegularFileContent.Refused($"cannot open: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        using var handle = new SafeFileHandle((nint)fd, ownsHandle: true);
        var buffer = new byte[256];
        if (StatxFd(fd, string.Empty, AtEmptyPath, StatxBasicStats, buffer) != 0)
        {
            return RegularFileContent.Refused($"cannot stat: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        var (kind, stamp) = Parse(buffer);
        if (kind != FileKind.Kind.Regular)
        {
            return RegularFileContent.Refused($"is {FileKind.Describe(kind)}, not a regular file (it changed while being opened)");
        }

        if (stamp.Size > maxBytes)
        {
            return RegularFileContent.Refused(TooBig(stamp.Size, maxBytes), stamp);
        }

        // One byte more than the limit, so a file that grew since the stat is caught rather than cut short.
        var content = new byte[(int)Math.Min(stamp.Size, maxBytes) + 1];
        var total = 0;
        while (total < content.Length)
        {
            var read = RandomAccess.Read(handle, content.AsSpan(total), total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        if (total > maxBytes)
        {
            return RegularFileContent.Refused(TooBig(total, maxBytes), stamp);
        }

        return new RegularFileContent(content.AsSpan(0, total).ToArray(), stamp, null, Missing: false);
    }

    // The stamp of what the path names now (following symlinks), or null when it is gone or not a regular file.
    public static FileStamp? Stamp(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            return null;
        }

        var (kind, stamp) = Parse(buffer);
        return kind == FileKind.Kind.Regular ? stamp : null;
    }

    // Null when the path (after following symlinks) is a regular file; otherwise why it is not read.
    private static RegularFileContent? Describe(string path)
    {
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is ENoEnt or ENotDir ? RegularFileContent.Gone : RegularFileContent.Refused($"cannot stat: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var (kind, _) = Parse(buffer);
        if (kind == FileKind.Kind.Regular)
        {
            return null;
        }

        if (kind != FileKind.Kind.Symlink)
        {
            return RegularFileContent.Refused($"is {FileKind.Describe(kind)}, not a regular file; only regular files and symlinks to them are read");
        }

        string target;
        try
        {
            target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? "?";
        }
        catch (IOException ex)
        {
            return RegularFileContent.Refused($"is a symlink that cannot be followed: {ex.Message}");
        }

        if (Statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == ENoEnt ? RegularFileContent.Refused($"is a dangling symlink (to {target})") : RegularFileContent.Refused($"cannot stat: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var (targetKind, _) = Parse(buffer);
        return targetKind == FileKind.Kind.Regular
            ? null
            : RegularFileContent.Refused($"is a symlink to {target}, {FileKind.Describe(targetKind)}, not a regular file; only regular files and symlinks to them are read");
    }

    private static string TooBig(long size, int maxBytes) => $"is {size} bytes, over the limit of {maxBytes} bytes";

    private static (FileKind.Kind Kind, FileStamp Stamp) Parse(byte[] statx)
    {
        // struct statx: stx_mode u16 at 0x1c, stx_ino u64 at 0x20, stx_size u64 at 0x28, stx_ctime at 0x60 and
        // stx_mtime at 0x70 ({s64 sec, u32 nsec}), stx_dev_major/minor u32 at 0x88/0x8c. Arch-independent.
        var span = statx.AsSpan();
        var kind = FileKind.FromMode(BitConverter.ToUInt16(span[0x1c..]));
        var device = ((ulong)BitConverter.ToUInt32(span[0x88..]) << 32) | BitConverter.ToUInt32(span[0x8c..]);
        var stamp = new FileStamp(
            device,
            BitConverter.ToUInt64(span[0x20..]),
            (long)BitConverter.ToUInt64(span[0x28..]),
            BitConverter.ToInt64(span[0x70..]),
            BitConverter.ToUInt32(span[0x78..]),
            BitConverter.ToInt64(span[0x60..]),
            BitConverter.ToUInt32(span[0x68..]));
        return (kind, stamp);
    }



    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxFd(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
