using System.Collections.Concurrent;
using System.Text;
using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Volumes;

namespace Sharplet.Statuses;

// A terminated container's message: what it wrote to its termination-log file (at most 4 KiB, as upstream),
// or with FallbackToLogsOnError and a failure exit, the tail of its log (80 lines, 2 KiB). Read once per
// container: the container is dead, its message cannot change.
internal sealed class TerminationMessageReader(PodDirectories dirs)
{
    private const int MaxFileBytes = 4096;
    private const int MaxLogBytes = 2048;
    private const int MaxLogLines = 80;
    private readonly ConcurrentDictionary<string, string> cache = new(StringComparer.Ordinal);

    public Func<RuntimeContainer, string?> For(string podUid) => container => Read(podUid, container);

    public void Forget(IEnumerable<string> containerIds)
    {
        foreach (var id in containerIds)
        {
            cache.TryRemove(id, out _);
        }
    }

    private string? Read(string podUid, RuntimeContainer container)
    {
        if (container.State != RuntimeContainerState.Exited)
        {
            return null;
        }

        return cache.GetOrAdd(container.Id, _ => Compute(podUid, container));
    }

    private string Compute(string podUid, RuntimeContainer container)
    {
        var message = ReadCapped(dirs.TerminationLogPath(podUid, container.Name, container.RestartCount), MaxFileBytes);
        if (message.Length == 0 && !string.IsNullOrEmpty(container.Message))
        {
            message = container.Message;
        }

        if (message.Length == 0 && container.ExitCode != 0 && container.TerminationMessagePolicy == TerminationMessagePolicy.FallbackToLogsOnError)
        {
            message = LogTail(container.LogPath);
        }

        return message;
    }

    private static string ReadCapped(string path, int max)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var buffer = new byte[max];
            var read = stream.ReadAtLeast(buffer, max, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static string LogTail(string path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return string.Empty;
        }

        var lines = new Queue<string>();
        foreach (var raw in File.ReadLines(path))
        {
            if (Logs.CriLogLine.TryParse(raw, out var line))
            {
                lines.Enqueue(line.Content);
                if (lines.Count > MaxLogLines)
                {
                    lines.Dequeue();
                }
            }
        }

        var text = string.Join('\n', lines);
        return text.Length <= MaxLogBytes ? text : text[^MaxLogBytes..];
    }
}
