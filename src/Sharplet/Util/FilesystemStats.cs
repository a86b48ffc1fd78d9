using System.Runtime.InteropServices;

namespace Sharplet.Util;

/// <summary>statvfs(3): bytes and inodes of the filesystem holding a path (DriveInfo gives no inodes).</summary>
internal static partial class FilesystemStats
{
    public static (long AvailableBytes, long TotalBytes, long FreeInodes, long TotalInodes)? Read(string path)
    {
        if (statvfs(path, out var s) != 0)
        {
            return null;
        }

        var unit = (long)(s.FragmentSize != 0 ? s.FragmentSize : s.BlockSize);
        return ((long)s.AvailableBlocks * unit, (long)s.Blocks * unit, (long)s.FreeInodes, (long)s.Inodes);
    }

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statvfs(string path, out StatVfs buffer);

    // glibc's struct statvfs on 64-bit Linux: every count is an unsigned long.
    [StructLayout(LayoutKind.Sequential)]
    private struct StatVfs
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong FreeBlocks;
        public ulong AvailableBlocks;
        public ulong Inodes;
        public ulong FreeInodes;
        public ulong AvailableInodes;
        public ulong FsId;
        public ulong Flags;
        public ulong NameMax;
        public long Spare0;
        public long Spare1;
        public long Spare2;
    }
}
