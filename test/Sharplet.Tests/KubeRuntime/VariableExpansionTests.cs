using Sharplet.KubeContainer;

namespace Sharplet.Tests.KubeRuntime;

// third_party/forked/golang/expansion: $(VAR) references, $$ escapes, anything else left as written.
public sealed class VariableExpansionTests
{
    private static readonly Dictionary<string, string> Vars = new(StringComparer.Ordinal)
    {
        ["VAR_A"] = "A",
        ["VAR_B"] = "B",
        ["VAR_C"] = "C",
        ["VAR_REF"] = "$(VAR_A)",
        ["VAR_EMPTY"] = string.Empty,
    };

    [Theory]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("$(VAR_A)", "A")]
    [InlineData("___$(VAR_B)___", "___B___")]
    [InlineData("$(VAR_A)-$(VAR_A)", "A-A")]
    [InlineData("$(VAR_A)$(VAR_B)$(VAR_C)", "ABC")]
    [InlineData("$(VAR_EMPTY)", "")]
    [InlineData("$(VAR_REF)", "$(VAR_A)")]
    [InlineData("$(UNKNOWN)", "$(UNKNOWN)")]
    [InlineData("$(VAR_A)$(UNKNOWN)", "A$(UNKNOWN)")]
    [InlineData("$$(VAR_A)", "$(VAR_A)")]
    [InlineData("$$$$(VAR_A)", "$$(VAR_A)")]
    [InlineData("$$$(VAR_A)", "$A")]
    [InlineData("f000-$$VAR_A", "f000-$VAR_A")]
    [InlineData("foo\\$(VAR_C)bar", "foo\\Cbar")]
    [InlineData("$VAR_A", "$VAR_A")]
    [InlineData("$(VAR_A", "$(VAR_A")]
    [InlineData("$(VAR_A$(VAR_B))", "$(VAR_A$(VAR_B))")]
    [InlineData("$()", "$()")]
    [InlineData("$", "$")]
    [InlineData("$(VAR_A)$", "A$")]
    [InlineData("$$", "$")]
    [InlineData("$(VAR A)", "$(VAR A)")]
    public void Expand_FollowsUpstream(string input, string expected)
    {
        VariableExpansion.Expand(input, name => Vars.GetValueOrDefault(name)).ShouldBe(expected);
    }
}
