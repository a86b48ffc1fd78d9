using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Sharplet.Cm;

// The few mount(2) calls the volume code needs, without spawning mount(8) for each pod.
internal static partial class LinuxMounts
{
    private const int MntDetach = 2;
    private const int Einval = 22;
    private const int Enoent = 2;

    public static void MountTmpfs(string target, long? sizeBytes)
    {
        var data = sizeBytes is > 0 ? $"size={sizeBytes.Value}" : null;
        if (Mount("tmpfs", target, "tmpfs", 0, data) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"mount tmpfs on {target}: {new Win32Exception(errno).Message}");
        }
    }

    // A bind mount of source on target (a local PersistentVolume into the pod's volume directory); read-only
    // takes a second, remounting call, as a bind mount ignores MS_RDONLY on its first.
    public static void BindMount(string source, string target, bool readOnly)
    {
        const ulong msBind = 4096, msRemount = 32, msReadOnly = 1;
        if (Mount(source, target, string.Empty, msBind, null) != 0)
        {
            throw new IOException($"bind mount {source} on {target}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }

        if (readOnly && Mount(source, target, string.Empty, msBind | msRemount | msReadOnly, null) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Unmount(target);
            throw new IOException($"remount {target} read-only: {new Win32Exception(errno).Message}");
        }
    }

    // Lazy unmount: a container that still holds files open does not block pod cleanup. Not mounted is fine.
    public static void Unmount(string target)
    {
        if (Umount2(target, MntDetach) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is Einval or Enoent)
            {
                return;
            }

            throw new IOException($"unmount {target}: {new Win32Exception(errno).Message}");
        }
    }

    [LibraryImport("libc", EntryPoint = "mount", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Mount(string source, string target, string fsType, ulong flags, string? data);

    [LibraryImport("libc", EntryPoint = "umount2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Umount2(string target, int flags);
}
