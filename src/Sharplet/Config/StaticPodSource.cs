using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Pods;
using Sharplet.Util;

namespace Sharplet.Config;

// The static pod folder (upstream's file source): watched for changes and rescanned every fileCheckFrequency.
// Each file maps to its pods; a file that becomes broken keeps its last good pods running while its problem
// is reported, so a half-saved edit never kills a pod; a deleted file deletes its pods.
internal sealed partial class StaticPodSource(
    PodConfig config,
    ManifestProblems problems,
    StaticPodSourceOptions options,
    TimeProvider time,
    ILogger<StaticPodSource> logger) : BackgroundService
{
    public const string SourceName = ConfigAnnotations.FileSource;
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];
    private readonly Dictionary<string, CachedFile> cache = new(StringComparer.Ordinal);
    private readonly Channel<bool> trigger = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<string, Task> stuck = new(StringComparer.Ordinal);
    private bool reportedMissing;
    private bool watcherBroken;

    // Scans now (tests and the watcher call this); safe to call while the loop runs: scans are serialized.
    public void Poke() => trigger.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watcher = CreateWatcher();
        try
        {
            using var timer = time.CreateTimer(static s => ((StaticPodSource)s!).Poke(), this, options.CheckFrequency, options.CheckFrequency);
            // No settling delay: a file caught half-written fails to parse, keeps its last good pods, and the event of
            // its last write triggers another scan (the trigger holds at most one pending scan, so bursts coalesce).
            do
            {
                try
                {
                    await ScanAsync(stoppingToken).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The folder's one reader must outlive any one scan; the next event or tick rescans.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogScanFailed(logger, options.Path!, ex);
                }

                // A folder removed and made again is a new inode the old watcher does not see: watch it anew (the
                // periodic check applies changes meanwhile).
                if (watcher is null || Volatile.Read(ref watcherBroken))
                {
                    watcher?.Dispose();
                    Volatile.Write(ref watcherBroken, false);
                    watcher = CreateWatcher();
                }
            }
            while (await trigger.Reader.ReadAsync(stoppingToken).ConfigureAwait(false));
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    internal async Task ScanAsync(CancellationToken cancellationToken = default)
    {
        var files = ListFiles();
        var pods = new List<Pod>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.ToList())
        {
            if (await LoadAsync(file, cancellationToken).ConfigureAwait(false) is not { } cached)
            {
                files.Remove(file);
                continue;
            }

            var accepted = new List<Pod>();
            var duplicates = new List<string>();
            foreach (var pod in cached.Pods)
            {
                var fullName = $"{pod.Metadata!.Namespace}/{pod.Metadata.Name}";
                if (names.TryGetValue(fullName, out var owner))
                {
                    duplicates.Add($"{file}: metadata.name: Duplicate value: \"{fullName}\": already defined in {owner}");
                    continue;
                }

                names[fullName] = file;
                accepted.Add(pod);
            }

            Report(file, [.. cached.Errors, .. duplicates]);
            pods.AddRange(accepted);
        }

        foreach (var gone in cache.Keys.Except(files, StringComparer.Ordinal).ToList())
        {
            cache.Remove(gone);
            problems.Clear(gone);
        }

        config.Set(SourceName, pods);
    }

    // Null when the file went away since the folder was listed (several files deleted at once race the scan
    // that the first deletion triggered): it is gone, as the next scan will also find.
    private async Task<CachedFile?> LoadAsync(string file, CancellationToken cancellationToken)
    {
        cache.TryGetValue(file, out var cached);
        if (cached is not null && RegularFile.Stamp(file) is { } current && current == cached.Stamp)
        {
            return cached;
        }

        var (result, stamp, missing) = await ReadBoundedAsync(file, cancellationToken).ConfigureAwait(false);
        if (missing)
        {
            return null;
        }

        // Rewritten or replaced while it was read: what was read may be half of either version, so it is not
        // remembered as this stamp's content, and the next scan (now) reads it again.
        if (stamp is { } read && RegularFile.Stamp(file) != read)
        {
            stamp = null;
            Poke();
        }

        // A file that turned bad keeps its last good pods; a file that was never good runs what is good in it.
        var pods = result.Errors.Count > 0 && cached is { Pods.Count: > 0 } ? cached.Pods : result.Pods;
        var next = new CachedFile(stamp, pods, result.Errors);
        cache[file] = next;
        return next;
    }

    // Reads and decodes one file off the scan's thread under a deadline, so a file on a hung filesystem (or an
    // input that is slow to decode) costs this file's update, never the scan of the others. An abandoned read
    // is remembered so that a file that keeps hanging does not pile up threads, one per scan.
    private async Task<(ManifestFileResult Result, FileStamp? Stamp, bool Missing)> ReadBoundedAsync(string file, CancellationToken cancellationToken)
    {
        if (stuck.TryGetValue(file, out var earlier))
        {
            if (!earlier.IsCompleted)
            {
                return (Failed(file, $"a read of it from an earlier scan has not finished after {options.ReadTimeout.TotalSeconds:0.#} s"), null, false);
            }

            stuck.Remove(file);
        }

        var nodeName = options.NodeName;
        var now = time.GetUtcNow();
        var work = Task.Run(() => ReadAndDecode(file, nodeName, now), cancellationToken);
        try
        {
            return await work.WaitAsync(options.ReadTimeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            stuck[file] = work;
            return (Failed(file, $"reading and decoding it did not finish within {options.ReadTimeout.TotalSeconds:0.#} s"), null, false);
        }
    }

    // Also `sharplet doctor`'s reader, so it judges a file exactly as the agent would.
    internal static (ManifestFileResult Result, FileStamp? Stamp, bool Missing) ReadAndDecode(string file, string nodeName, DateTimeOffset now)
    {
        // The bytes and text are out of scope here, so the collection can free them.
        var result = ReadAndDecode(file, nodeName, now, out var bytesRead);
        GcMemory.AfterInput(bytesRead);
        return result;
    }

    private static (ManifestFileResult Result, FileStamp? Stamp, bool Missing) ReadAndDecode(string file, string nodeName, DateTimeOffset now, out int bytesRead)
    {
        var content = RegularFile.Read(file, InputLimits.MaxManifestFileBytes);
        bytesRead = content.Bytes?.Length ?? 0;
        if (content.Missing)
        {
            return (Failed(file, "gone"), null, true);
        }

        // A refused file (FIFO, device, too big) keeps no stamp when it is not a regular file, so it is checked
        // again every scan (one stat, no read); a regular file that is too big is only checked again once it changes.
        FileStamp? stamp = content.Stamp == default ? null : content.Stamp;
        if (content.Problem is { } problem)
        {
            return (Failed(file, problem), stamp, false);
        }

        if (Utf8Text.Decode(content.Bytes!, out var invalid) is not { } text)
        {
            return (Failed(file, invalid!), stamp, false);
        }

        try
        {
            return (ManifestDecoder.Decode(file, text, nodeName, now), stamp, false);
        }
#pragma warning disable CA1031 // A decoder bug on one file is that file's problem; the node and the other files go on.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return (Failed(file, $"cannot decode: {ex.GetType().Name}: {ex.Message}"), stamp, false);
        }
    }

    private static ManifestFileResult Failed(string file, string problem) => new(file, [], [$"{file}: {problem}"]);

    private void Report(string file, IReadOnlyList<string> errors)
    {
        if (problems.Set(file, errors))
        {
            foreach (var error in errors)
            {
                LogManifestProblem(logger, error);
            }
        }
    }

    private List<string> ListFiles()
    {
        if (Files(options.Path!) is not { } files)
        {
            if (!reportedMissing)
            {
                LogPathMissing(logger, options.Path!);
                reportedMissing = true;
            }

            return [];
        }

        reportedMissing = false;
        return files;
    }

    // The manifest files of the static pod path (a file, or a folder's *.yaml, *.yml and *.json but dotfiles),
    // sorted; null when the path does not exist. `sharplet doctor` lists them the same way.
    internal static List<string>? Files(string path)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (!Directory.Exists(path))
        {
            return null;
        }

        try
        {
            return Directory.EnumerateFiles(path)
                .Where(f => !Path.GetFileName(f).StartsWith('.') && Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Select(Path.GetFullPath)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (DirectoryNotFoundException)
        {
            // Removed while listed: as missing, which the next scan reports.
            return null;
        }
    }

    private FileSystemWatcher? CreateWatcher()
    {
        var path = options.Path!;
        var dir = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is null || !Directory.Exists(dir))
        {
            return null;
        }

        var watcher = new FileSystemWatcher(dir)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        watcher.Created += (_, _) => Poke();
        watcher.Changed += (_, _) => Poke();
        watcher.Deleted += (_, _) => Poke();
        watcher.Renamed += (_, _) => Poke();
        watcher.Error += (_, _) => OnWatcherError();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnWatcherError()
    {
        Volatile.Write(ref watcherBroken, true);
        Poke();
    }

    // Stamp null: not to be trusted as the content of any version (refused, or changed while read).
    private sealed record CachedFile(FileStamp? Stamp, IReadOnlyList<Pod> Pods, IReadOnlyList<string> Errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "scanning static pod path {Path} failed; the next change or check rescans")]
    private static partial void LogScanFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "static pod manifest rejected: {Problem}")]
    private static partial void LogManifestProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod manifest path {Path} does not exist; no static pods until it does")]
    private static partial void LogPathMissing(ILogger logger, string path);
}
