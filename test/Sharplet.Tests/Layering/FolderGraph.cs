using System.Text.RegularExpressions;

namespace Sharplet.Tests.Layering;

// The import graph between the top-level folders of the core library, read from the sources as
// /work/shared/tools/folder-cycles.py reads them: `using Sharplet.X` directives and fully qualified
// `Sharplet.X.` references (namespace declarations are not references). One C# assembly allows cycles between
// folders; this graph is what keeps them out.
internal sealed partial class FolderGraph
{
    private FolderGraph(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> edges) => Edges = edges;

    // From folder to folder, with the files (relative to the library root) that make the edge.
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Edges { get; }

    public int EdgeCount => Edges.Values.Sum(e => e.Count);

    public static FolderGraph Read(string libraryRoot)
    {
        var folders = Directory.GetDirectories(libraryRoot)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(d => d is not ("bin" or "obj"))
            .ToHashSet(StringComparer.Ordinal);
        var edges = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var targets = edges[folder] = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(libraryRoot, folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(libraryRoot, file);
                if (relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = NamespaceDeclaration().Replace(File.ReadAllText(file), string.Empty);
                foreach (Match match in Reference().Matches(text))
                {
                    var target = match.Groups[1].Value;
                    if (target != folder && folders.Contains(target))
                    {
                        (targets.TryGetValue(target, out var files) ? files : targets[target] = new SortedSet<string>(StringComparer.Ordinal)).Add(relative);
                    }
                }
            }
        }

        return From(edges.ToDictionary(e => e.Key, e => e.Value.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)[.. t.Value])));
    }

    public static FolderGraph From(IReadOnlyDictionary<string, Dictionary<string, IReadOnlyList<string>>> edges) =>
        new(edges.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, IReadOnlyList<string>>)e.Value, StringComparer.Ordinal));

    // The strongly connected components with more than one folder (Tarjan), each sorted; empty when the folders
    // form a DAG.
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<IReadOnlyList<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Edges.TryGetValue(v, out var targets) ? targets.Keys : [])
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    result.Add(component);
                }
            }
        }

        foreach (var v in Edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result;
    }

    // Each edge inside a cycle with the files that make it: what a failing test shows, so the fix is obvious.
    public string Explain(IReadOnlyList<string> cycle) => string.Join(
        Environment.NewLine,
        from source in cycle
        from edge in Edges[source]
        where cycle.Contains(edge.Key)
        select $"  {source} -> {edge.Key}: {string.Join(' ', edge.Value)}");

    [GeneratedRegex(@"^\s*namespace\s+[^;{]+[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bSharplet\.([A-Z][A-Za-z]+)\b")]
    private static partial Regex Reference();
}
