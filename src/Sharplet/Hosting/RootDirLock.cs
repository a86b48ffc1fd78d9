using Sharplet.Util;

namespace Sharplet.Hosting;

// One Sharplet per root dir: two would fight over the same pods, volumes and control socket. The lock is an
// exclusively opened file, released by the kernel when the process dies, so a killed Sharplet never blocks
// the next one.
internal sealed class RootDirLock : IDisposable
{
    private readonly FileStream stream;

    private RootDirLock(FileStream stream) => this.stream = stream;

    public static RootDirLock Acquire(string rootDir)
    {
        Directory.CreateDirectory(rootDir);
        var path = Path.Combine(rootDir, "sharplet.lock");
        try
        {
            return new RootDirLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new ConfigException($"another Sharplet is already running with root dir {rootDir} (it holds {path})");
        }
    }

    public void Dispose() => stream.Dispose();
}
