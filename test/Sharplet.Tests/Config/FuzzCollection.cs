namespace Sharplet.Tests.Config;

// The fuzz and property tests keep a core busy for their whole budget: they run alone, after the parallel
// tests, so timing-sensitive tests elsewhere never share the machine with them.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection
{
    public const string Name = "Fuzz (runs alone)";
}
