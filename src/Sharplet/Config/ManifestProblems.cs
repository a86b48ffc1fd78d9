using System.Collections.Concurrent;

namespace Sharplet.Config;

// The current problems of the static pod manifests, per file, for `sharplet pods` and the log.
internal sealed class ManifestProblems
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> byFile = new(StringComparer.Ordinal);
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Completes at the next change of the problems: something to await rather than poll.
    public Task NextChange => Volatile.Read(ref changed).Task;

    // True when the file's problems changed (so they are worth logging again).
    public bool Set(string file, IReadOnlyList<string> problems)
    {
        bool different;
        if (problems.Count == 0)
        {
            different = byFile.TryRemove(file, out _);
        }
        else
        {
            var previous = byFile.GetValueOrDefault(file);
            byFile[file] = problems;
            different = previous is null || !previous.SequenceEqual(problems);
        }

        if (different)
        {
            Signal();
        }

        return different;
    }

    public void Clear(string file)
    {
        if (byFile.TryRemove(file, out _))
        {
            Signal();
        }
    }

    private void Signal() =>
        Interlocked.Exchange(ref changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public IReadOnlyList<string> All() => byFile.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).ToList();

    public IReadOnlyCollection<string> Files => (IReadOnlyCollection<string>)byFile.Keys;
}
