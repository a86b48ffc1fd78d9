using System.Text;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Serialization;

// The bounds of the YAML/JSON path (InputLimits): inputs that once overflowed the stack or the memory are errors
// that name the depth, the count or the size. A stack overflow here would end the test process, not fail a test.
public sealed class YamlToJsonLimitsTests
{
    private static YamlConversionException Refused(string text) => Should.Throw<YamlConversionException>(() => YamlToJson.Convert(text));

    [Fact]
    public void JsonArrayNestedTwentyThousandDeep_IsAnErrorNamingTheDepth()
    {
        var text = new string('[', 20_000) + new string(']', 20_000);

        var error = Refused(text);

        error.Message.ShouldBe($"YAML error at line 1, column {InputLimits.MaxDepth + 1}: nesting deeper than {InputLimits.MaxDepth} levels (document 1)");
    }

    [Fact]
    public void JsonObjectNestedTwentyThousandDeep_IsAnErrorNamingTheDepth()
    {
        var text = new StringBuilder().Insert(0, "{\"a\":", 20_000).Append('1').Append('}', 20_000).ToString();

        Refused(text).Problem.ShouldBe($"nesting deeper than {InputLimits.MaxDepth} levels (document 1)");
    }

    [Fact]
    public void YamlFlowNestedThirtyThousandDeep_IsAnErrorNamingTheDepth()
    {
        // 60 KB, as in the report: 30,000 levels of mappings and sequences.
        var text = "apiVersion: v1\nkind: Pod\nspec: " + string.Concat(Enumerable.Repeat("{a: [", 15_000)) + "1" + string.Concat(Enumerable.Repeat("]}", 15_000));

        var error = Refused(text);

        error.Problem.ShouldBe($"nesting deeper than {InputLimits.MaxDepth} levels (document 1)");
        error.Line.ShouldBe(3);
    }

    [Fact]
    public void YamlFlowSequencesThirtyThousandDeep_IsAnError()
    {
        var text = new string('[', 30_000) + new string(']', 30_000);

        Refused(text).Problem.ShouldBe($"nesting deeper than {InputLimits.MaxDepth} levels (document 1)");
    }

    [Fact]
    public void YamlBlockNestingPastTheLimit_IsAnError()
    {
        var text = new StringBuilder();
        for (var i = 0; i <= InputLimits.MaxDepth; i++)
        {
            text.Append(' ', i * 2).Append("k:\n");
        }

        text.Append(' ', (InputLimits.MaxDepth + 1) * 2).Append("v\n");

        Refused(text.ToString()).Message.ShouldContain("nesting deeper than");
    }

    [Fact]
    public void NestingAtTheLimit_IsAccepted()
    {
        var text = new string('[', InputLimits.MaxDepth) + new string(']', InputLimits.MaxDepth);

        YamlToJson.Convert(text).ShouldHaveSingleItem();
    }

    [Fact]
    public void MoreDocumentsThanTheLimit_IsAnErrorAtTheFirstOneOver()
    {
        var text = string.Concat(Enumerable.Repeat("---\na: 1\n", 10_000));

        var error = Refused(text);

        error.Problem.ShouldBe($"more than {InputLimits.MaxDocumentsPerFile} documents in one file");
        error.Line.ShouldBe((InputLimits.MaxDocumentsPerFile * 2) + 1);
    }

    [Fact]
    public void MoreDocumentsThanTheLimit_IsRefusedBeforeAnyDocumentIsLoaded()
    {
        // The first document has a duplicate key, an error only the representation model finds when it loads that
        // document. The count's error wins: the limits run over the whole stream before anything is built.
        var text = "a: 1\na: 2\n" + string.Concat(Enumerable.Repeat("---\na: 1\n", 10_000));

        Refused(text).Problem.ShouldBe($"more than {InputLimits.MaxDocumentsPerFile} documents in one file");
    }

    [Fact]
    public void DocumentWithMoreValuesThanTheLimit_IsAnError()
    {
        var text = "env:\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"- name: E{i}\n  value: v\n"));

        Refused(text).Problem.ShouldBe($"document 1 has more than {InputLimits.MaxNodesPerDocument} values");
    }

    [Fact]
    public void DocumentLongerThanTheLimit_IsAnError()
    {
        var text = "a: \"" + new string('x', InputLimits.MaxDocumentChars) + "\"\n";

        Refused(text).Problem.ShouldBe($"document 1 is longer than {InputLimits.MaxDocumentChars} characters");
    }

    [Fact]
    public void AliasBomb_IsStillAnErrorAfterExpansion()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 8; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        Refused(text.ToString()).Message.ShouldContain($"more than {InputLimits.MaxNodesPerDocument} values (too many aliases?)");
    }

    // Found by the fuzz test: YamlDotNet's representation model threw ArgumentException for this.
    [Fact]
    public void AliasAfterAFlowCollection_IsAYamlError() =>
        Refused("a:\n  - [{b: 1}]*a\n").Message.ShouldStartWith("YAML error at line");
}
