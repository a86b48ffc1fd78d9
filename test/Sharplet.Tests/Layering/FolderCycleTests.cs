namespace Sharplet.Tests.Layering;

// Dependencies between the subsystem folders of src/Sharplet point one way (README, Layout): a folder that
// names a folder above it (a using directive or a qualified Sharplet.X. reference) fails here with the files
// that do it.
public sealed class FolderCycleTests
{
    [Fact]
    public void CoreLibrary_TopLevelFolders_HaveNoDependencyCycle()
    {
        var graph = FolderGraph.Read(LibraryRoot());

        graph.Edges.Count.ShouldBeGreaterThan(20, "the core library's folders were not found");
        var cycles = graph.Cycles();

        cycles.ShouldBeEmpty("folder cycles:" + Environment.NewLine + string.Join(Environment.NewLine, cycles.Select(c => $"[{string.Join(' ', c)}]{Environment.NewLine}{graph.Explain(c)}")));
    }

    [Fact]
    public void Cycles_TwoFoldersNamingEachOther_AreOneCycle()
    {
        var graph = FolderGraph.From(new Dictionary<string, Dictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal)
        {
            ["Api"] = [],
            ["Statuses"] = new(StringComparer.Ordinal) { ["Api"] = ["Statuses/A.cs"], ["PodWorkers"] = ["Statuses/B.cs"] },
            ["PodWorkers"] = new(StringComparer.Ordinal) { ["Statuses"] = ["PodWorkers/C.cs"], ["Api"] = ["PodWorkers/D.cs"] },
        });

        var cycles = graph.Cycles();

        cycles.Count.ShouldBe(1);
        cycles[0].ShouldBe(["PodWorkers", "Statuses"]);
        graph.Explain(cycles[0]).ShouldContain("Statuses -> PodWorkers: Statuses/B.cs");
    }

    [Fact]
    public void Read_UsingAndQualifiedReferences_AreEdges_NamespaceDeclarationsAreNot()
    {
        var root = Directory.CreateTempSubdirectory("sharplet-layering-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "Low"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "High"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "obj"));
            File.WriteAllText(Path.Combine(root.FullName, "Low", "L.cs"), "namespace Sharplet.Low;\ninternal sealed class L { Sharplet.High.H? h; }\n");
            File.WriteAllText(Path.Combine(root.FullName, "High", "H.cs"), "using Sharplet.Low;\n\nnamespace Sharplet.High;\ninternal sealed class H;\n");

            var graph = FolderGraph.Read(root.FullName);

            graph.EdgeCount.ShouldBe(2);
            graph.Cycles().ShouldHaveSingleItem().ShouldBe(["High", "Low"]);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static string LibraryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Sharplet");
            if (File.Exists(Path.Combine(candidate, "Sharplet.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"src/Sharplet not found above {AppContext.BaseDirectory}");
    }
}
