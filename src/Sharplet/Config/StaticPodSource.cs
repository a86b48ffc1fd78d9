using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Pods;

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
    private bool reportedMissing;

    // Scans now (tests and the watcher call this); safe to call while the loop runs: scans are serialized.
    public void Poke() => trigger.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = CreateWatcher();
        using var timer = time.CreateTimer(static s => ((StaticPodSource)s!).Poke(), this, options.CheckFrequency, options.CheckFrequency);
        // No settling delay: a file caught half-written fails to parse, keeps its last good pods, and the event of
        // its last write triggers another scan (the trigger holds at most one pending scan, so bursts coalesce).
        do
        {
            try
            {
                Scan();
            }
#pragma warning disable CA1031 // The folder's one reader must outlive any one scan; the next event or tick rescans.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogScanFailed(logger, options.Path!, ex);
            }
        }
        while (await trigger.Reader.ReadAsync(stoppingToken).ConfigureAwait(false));
    }

    internal void Scan()
    {
        var files = ListFiles();
        var pods = new List<Pod>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.ToList())
        {
            if (Load(file) is not { } cached)
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
    private CachedFile? Load(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            return null;
        }

        var stamp = (info.Length, info.LastWriteTimeUtc);
        if (cache.TryGetValue(file, out var cached) && cached.Stamp == stamp)
        {
            return cached;
        }

        ManifestFileResult result;
        try
        {
            result = ManifestDecoder.Decode(file, File.ReadAllText(file), options.NodeName, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            result = new ManifestFileResult(file, [], [$"{file}: cannot read: {ex.Message}"]);
        }

        // A file that turned bad keeps its last good pods; a file that was never good runs what is good in it.
        var pods = result.Errors.Count > 0 && cached is { Pods.Count: > 0 } ? cached.Pods : result.Pods;
        var next = new CachedFile(stamp, pods, result.Errors);
        cache[file] = next;
        return next;
    }

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
        var path = options.Path!;
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (!Directory.Exists(path))
        {
            if (!reportedMissing)
            {
                LogPathMissing(logger, path);
                reportedMissing = true;
            }

            return [];
        }

        reportedMissing = false;
        return Directory.EnumerateFiles(path)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToList();
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
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private sealed record CachedFile((long Length, DateTime Modified) Stamp, IReadOnlyList<Pod> Pods, IReadOnlyList<string> Errors);

    [LoggerMessage(Level = LogLevel.Error, Message = "scanning static pod path {Path} failed; the next change or check rescans")]
    private static partial void LogScanFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "static pod manifest rejected: {Problem}")]
    private static partial void LogManifestProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "pod manifest path {Path} does not exist; no static pods until it does")]
    private static partial void LogPathMissing(ILogger logger, string path);
}
