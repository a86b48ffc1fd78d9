using System.Runtime.InteropServices;

namespace Sharplet.Util;

// statvfs(3) of a path: bytes and inodes (which .NET's DriveInfo does not give). The struct is glibc's 64-bit
// layout (every field an unsigned long, then six ints).
internal static partial class FsStat
{
    public static FsFigures? Of(string path)
    {
        if (StatVfs(path, out var s) != 0)
        {
            return null;
        }

        var unit = s.FragmentSize != 0 ? s.FragmentSize : s.BlockSize;
        return new FsFigures((long)(s.Blocks * unit), (long)(s.BlocksAvailable * unit), (long)s.Files, (long)s.FilesFree);
    }

    [LibraryImport("libc", EntryPoint = "statvfs", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatVfs(string path, out StatVfsBuffer buffer);

    [StructLayout(LayoutKind.Sequential)]
    private struct StatVfsBuffer
    {
        public ulong BlockSize;
        public ulong FragmentSize;
        public ulong Blocks;
        public ulong BlocksFree;
        public ulong BlocksAvailable;
        public ulong Files;
        public ulong FilesFree;
        public ulong FilesAvailable;
        public ulong FsId;
        public ulong Flags;
        public ulong NameMax;
        public int Spare0;
        public int Spare1;
        public int Spare2;
        public int Spare3;
        public int Spare4;
        public int Spare5;
    }
}
