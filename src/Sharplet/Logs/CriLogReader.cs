using System.Runtime.CompilerServices;
using System.Text;
using Sharplet.Util;

namespace Sharplet.Logs;

// Reads a CRI-format container log file as logical lines: the last N of them, then (when following) whatever
// the runtime appends until the container stops or the reader is cancelled, across log rotations.
internal static class CriLogReader
{
    private static readonly TimeSpan FollowPollInterval = TimeSpan.FromMilliseconds(100);

    public static async IAsyncEnumerable<LogRecord> ReadAsync(
        string path,
        int? tailLines,
        Func<bool>? stillWriting,
        TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = Open(path);
        var inode = FileKind.Inode(path);
        try
        {
            var assembler = new Assembler();
            var buffer = new byte[64 * 1024];
            var pending = new List<byte>();

            // The existing content first; with a tail only the last lines survive.
            var existing = new Queue<LogRecord>();
            await foreach (var record in ReadAvailableAsync(stream, buffer, pending, assembler, cancellationToken).ConfigureAwait(false))
            {
                existing.Enqueue(record);
                if (tailLines is { } n && existing.Count > n)
                {
                    existing.Dequeue();
                }
            }

            foreach (var record in existing)
            {
                yield return record;
            }

            if (stillWriting is null)
            {
                yield break;
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                // Ask before reading so that output written just before the container stopped is not lost.
                var writing = stillWriting();
                await foreach (var record in ReadAvailableAsync(stream, buffer, pending, assembler, cancellationToken).ConfigureAwait(false))
                {
                    yield return record;
                }

                // Log rotation renamed the file and the runtime reopened a new one at the path: the runtime writes
                // nothing more to the old one once the new one exists, so read the old one to its end once more
                // and go on with the new one from its start.
                if (inode is not null && FileKind.Inode(path) is { } current && current != inode)
                {
                    await foreach (var record in ReadAvailableAsync(stream, buffer, pending, assembler, cancellationToken).ConfigureAwait(false))
                    {
                        yield return record;
                    }

                    await stream.DisposeAsync().ConfigureAwait(false);
                    stream = Open(path);
                    inode = current;
                    pending.Clear();
                    continue;
                }

                if (!writing)
                {
                    yield break;
                }

                await Task.Delay(FollowPollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);

    private static async IAsyncEnumerable<LogRecord> ReadAvailableAsync(
        FileStream stream, byte[] buffer, List<byte> pending, Assembler assembler, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                pending.AddRange(buffer.AsSpan(start, i - start));
                start = i + 1;
                var line = Encoding.UTF8.GetString(pending.ToArray());
                pending.Clear();
                if (assembler.Add(line) is { } record)
                {
                    yield return record;
                }
            }

            // An unterminated tail is a line the runtime is still writing: keep it for the next read.
            pending.AddRange(buffer.AsSpan(start, read - start));
        }
    }

    private sealed class Assembler
    {
        private readonly Dictionary<string, StringBuilder> partials = new(StringComparer.Ordinal);

        public LogRecord? Add(string line)
        {
            if (!CriLogLine.TryParse(line, out var entry))
            {
                return null;
            }

            if (entry.Partial)
            {
                if (!partials.TryGetValue(entry.Stream, out var sb))
                {
                    partials[entry.Stream] = sb = new StringBuilder();
                }

                sb.Append(entry.Content);
                return null;
            }

            var text = entry.Content;
            if (partials.Remove(entry.Stream, out var head))
            {
                text = head.Append(text).ToString();
            }

            return new LogRecord(entry.Timestamp, entry.Stream, text);
        }
    }
}
