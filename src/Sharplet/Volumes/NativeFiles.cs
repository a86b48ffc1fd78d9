using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Sharplet.Volumes;

// rename(2) and lchown(2), which .NET does not offer for this use: File.Move checks its source through the
// link (a ..data_tmp symlink points at a directory), and ownership changes have no managed API.
internal static partial class NativeFiles
{
    // Atomically replaces newPath with oldPath, whatever either is (a symlink is renamed, never followed).
    public static void Rename(string oldPath, string newPath)
    {
        if (RenameNative(oldPath, newPath) != 0)
        {
            throw new IOException($"rename {oldPath} to {newPath}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }
    }

    // Changes the group only (uid -1 keeps the owner); never follows a symlink.
    public static void ChangeGroup(string path, long gid)
    {
        if (Lchown(path, uint.MaxValue, (uint)gid) != 0)
        {
            throw new IOException($"chown :{gid} {path}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }
    }

    // The group of a path (stat's st_gid), without following a symlink: statx's stx_gid is at offset 0x18.
    public static long GroupOf(string path)
    {
        var buffer = new byte[256];
        if (Statx(-100, path, AtSymlinkNoFollow, StatxGid, buffer) != 0)
        {
            throw new IOException($"stat {path}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }

        return BitConverter.ToUInt32(buffer, 0x18);
    }

    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxGid = 0x10;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Lchown(string path, uint owner, uint group);
}
