using System.Collections.Concurrent;

namespace Sharplet.Config;

// The current problems of the static pod manifests, per file, for `sharplet pods` and the log.
internal sealed class ManifestProblems
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> byFile = new(StringComparer.Ordinal);

    // True when the file's problems changed (so they are worth logging again).
    public bool Set(string file, IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            return byFile.TryRemove(file, out _);
        }

        var previous = byFile.GetValueOrDefault(file);
        byFile[file] = problems;
        return previous is null || !previous.SequenceEqual(problems);
    }

    public void Clear(string file) => byFile.TryRemove(file, out _);

    public IReadOnlyList<string> All() => byFile.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).ToList();

    public IReadOnlyCollection<string> Files => (IReadOnlyCollection<string>)byFile.Keys;
}
