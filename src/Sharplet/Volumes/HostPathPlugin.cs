using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.Volumes;

// hostPath: a path of the node, checked against its declared type; the *OrCreate types create it.
internal sealed class HostPathPlugin : IVolumePlugin
{
    public string Name => "kubernetes.io~host-path";

    public bool CanHandle(Volume volume) => volume.HostPath is not null;

    public Task<MountedVolume> SetUpAsync(Pod pod, Volume volume, CancellationToken cancellationToken)
    {
        var source = volume.HostPath!;
        var path = source.Path;
        var type = source.Type ?? HostPathType.Unset;
        switch (type)
        {
            case HostPathType.Unset:
                break;
            case HostPathType.DirectoryOrCreate:
                if (!Directory.Exists(path))
                {
                    Fail(volume, File.Exists(path), $"path \"{path}\" exists but is not a directory");
                    Directory.CreateDirectory(path);
                    File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
                }

                break;
            case HostPathType.Directory:
                Fail(volume, !Directory.Exists(path), $"hostPath type check failed: {path} is not a directory");
                break;
            case HostPathType.FileOrCreate:
                if (!File.Exists(path))
                {
                    Fail(volume, Directory.Exists(path), $"path \"{path}\" exists but is not a file");
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    using (File.Create(path))
                    {
                    }

                    File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
                }

                break;
            case HostPathType.File:
                Fail(volume, !File.Exists(path) || IsSpecial(path), $"hostPath type check failed: {path} is not a file");
                break;
            case HostPathType.Socket:
            case HostPathType.CharDevice:
            case HostPathType.BlockDevice:
                Fail(volume, !HasFileType(path, type), $"hostPath type check failed: {path} is not a {type.ToLowerInvariant()}");
                break;
            default:
                Fail(volume, true, $"unsupported hostPath type \"{type}\"");
                break;
        }

        return Task.FromResult(new MountedVolume(volume.Name, path));
    }

    private static void Fail(Volume volume, bool condition, string message)
    {
        if (condition)
        {
            throw new VolumeException(volume.Name, message);
        }
    }

    private static bool IsSpecial(string path) => FileKind.Of(path) != FileKind.Kind.Regular;

    private static bool HasFileType(string path, string type) => (FileKind.Of(path), type) switch
    {
        (FileKind.Kind.Socket, HostPathType.Socket) => true,
        (FileKind.Kind.CharDevice, HostPathType.CharDevice) => true,
        (FileKind.Kind.BlockDevice, HostPathType.BlockDevice) => true,
        _ => false,
    };
}
