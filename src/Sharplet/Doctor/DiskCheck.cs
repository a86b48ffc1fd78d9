using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Util;

namespace Sharplet.Doctor;

/// <summary>
/// Disk and inode headroom of the root dir (nodefs) and the runtime's image filesystem (imagefs, its mount point
/// from CRI ImageFsInfo) against the node's evictionHard thresholds: below one the node reports DiskPressure and
/// evicts pods; within twice of one is a warning.
/// </summary>
internal sealed class DiskCheck(string rootDir, IImageService images, IReadOnlyList<DiskThreshold> thresholds) : IDoctorCheck
{
    public string Name => "disk";

    public static CheckResult Judge(IReadOnlyList<FilesystemFacts> filesystems, IReadOnlyList<DiskThreshold> thresholds, IReadOnlyList<string> unreadable)
    {
        ArgumentNullException.ThrowIfNull(filesystems);
        ArgumentNullException.ThrowIfNull(thresholds);
        var fails = new List<string>();
        var warnings = new List<string>([.. unreadable]);
        var fine = new List<string>();
        foreach (var fs in filesystems)
        {
            foreach (var (signal, available, total, unit) in new[]
            {
                ($"{fs.Signal}.available", fs.AvailableBytes, fs.TotalBytes, "bytes"),
                ($"{fs.Signal}.inodesFree", fs.FreeInodes, fs.TotalInodes, "inodes"),
            })
            {
                if (total <= 0 || thresholds.FirstOrDefault(t => t.Signal == signal) is not { } threshold)
                {
                    continue;
                }

                var text = $"{fs.Path}: {Percent(available, total)} of {unit} free ({signal} threshold {Describe(threshold)})";
                if (threshold.IsCrossed(available, total))
                {
                    fails.Add(text);
                }
                else if (threshold.IsCrossed(available / 2, total))
                {
                    warnings.Add(text);
                }
                else
                {
                    fine.Add($"{fs.Signal} {fs.Path} {Percent(available, total)} {unit} free");
                }
            }
        }

        if (fails.Count > 0)
        {
            return new CheckResult("disk", Verdict.Fail, string.Join("; ", fails.Concat(warnings)), "free space on that filesystem (unused images: crictl rmi --prune; old logs) or grow it");
        }

        return warnings.Count > 0
            ? new CheckResult("disk", Verdict.Warning, string.Join("; ", warnings), "free space before the node reaches DiskPressure and starts evicting pods")
            : CheckResult.Ok("disk", string.Join("; ", fine));
    }

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var filesystems = new List<FilesystemFacts>();
        var unreadable = new List<string>();
        Add(filesystems, unreadable, "nodefs", rootDir);
        try
        {
            var info = await images.ImageFsInfoAsync(cancellationToken).ConfigureAwait(false);
            foreach (var mount in info.ImageFilesystems.Select(f => f.FsId?.Mountpoint).OfType<string>().Where(m => m.Length > 0).Distinct(StringComparer.Ordinal))
            {
                Add(filesystems, unreadable, "imagefs", mount);
            }
        }
        catch (RpcException ex)
        {
            unreadable.Add($"the runtime's ImageFsInfo failed: {ex.Status.Detail}");
        }

        return Judge(filesystems, thresholds, unreadable);
    }

    private static void Add(List<FilesystemFacts> filesystems, List<string> unreadable, string signal, string path)
    {
        // The root dir may not exist before the first start: its nearest existing parent holds it then.
        var probe = path;
        while (!Directory.Exists(probe) && Path.GetDirectoryName(probe) is { } parent)
        {
            probe = parent;
        }

        if (FilesystemStats.Read(probe) is { } s)
        {
            filesystems.Add(new FilesystemFacts(signal, path, s.AvailableBytes, s.TotalBytes, s.FreeInodes, s.TotalInodes));
        }
        else
        {
            unreadable.Add($"{signal} {path}: statvfs failed");
        }
    }

    private static string Percent(long part, long total) => $"{100.0 * part / total:0.#}%";

    private static string Describe(DiskThreshold t) => t.Percentage is { } p ? $"{p}%" : $"{t.Amount} {(t.Signal.EndsWith("inodesFree", StringComparison.Ordinal) ? "inodes" : "bytes")}";
}
