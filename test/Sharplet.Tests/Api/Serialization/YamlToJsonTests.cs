using System.Text.Json.Nodes;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Serialization;

public class YamlToJsonTests
{
    [Fact]
    public void Convert_MultipleDocuments_KeepsIndexAndStartLine()
    {
        const string yaml = """
            # leading comment
            apiVersion: v1
            kind: ConfigMap
            ---
            ---
            # the third document
            apiVersion: v1
            kind: Secret
            --- 
            kind: Pod
            """;

        var documents = YamlToJson.Convert(yaml);

        documents.Count.ShouldBe(3);
        documents.Select(d => d.Index).ShouldBe([1, 3, 4]);
        documents.Select(d => d.Line).ShouldBe([2, 7, 10]);
        documents[1].Json["kind"]!.GetValue<string>().ShouldBe("Secret");
        documents[1].Describe("bundle.yaml").ShouldBe("bundle.yaml, document 3 (line 7)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n---\n")]
    [InlineData("~\n")]
    public void Convert_OnlyEmptyDocuments_GivesNone(string yaml) => YamlToJson.Convert(yaml).ShouldBeEmpty();

    [Fact]
    public void Convert_JsonInput_IsUnchanged()
    {
        const string json = """{"kind":"Pod","spec":{"containers":[{"name":"a","ports":[{"containerPort":80}]}]}}""";

        YamlToJson.Convert(json).ShouldHaveSingleItem().Json.ToJsonString().ShouldBe(json);
    }

    [Fact]
    public void Convert_AnchorsAndAliases_AreExpandedIndependently()
    {
        const string yaml = """
            base: &limits {cpu: 500m, memory: 128Mi}
            a: *limits
            b: *limits
            """;

        var json = YamlToJson.Convert(yaml).ShouldHaveSingleItem().Json;
        json["b"]!["cpu"] = "1";

        json["a"]!.ToJsonString().ShouldBe("""{"cpu":"500m","memory":"128Mi"}""");
    }

    [Fact]
    public void Convert_MergeKey_ExplicitKeysWinAndEarlierMergesWin()
    {
        const string yaml = """
            defaults: &defaults {image: busybox, imagePullPolicy: Always}
            other: &other {image: nginx, tty: true}
            container:
              <<: [*defaults, *other]
              imagePullPolicy: IfNotPresent
              name: app
            """;

        var container = YamlToJson.Convert(yaml).ShouldHaveSingleItem().Json["container"]!;

        container["image"]!.GetValue<string>().ShouldBe("busybox");
        container["imagePullPolicy"]!.GetValue<string>().ShouldBe("IfNotPresent");
        container["tty"]!.GetValue<bool>().ShouldBeTrue();
        container["name"]!.GetValue<string>().ShouldBe("app");
        container.AsObject().ContainsKey("<<").ShouldBeFalse();
    }

    [Fact]
    public void Convert_QuotedMergeKey_IsAnOrdinaryKey() =>
        YamlToJson.Convert("'<<': x\n").ShouldHaveSingleItem().Json["<<"]!.GetValue<string>().ShouldBe("x");

    [Fact]
    public void Convert_MergeOfScalar_IsAnError() =>
        Should.Throw<YamlConversionException>(() => YamlToJson.Convert("a:\n  <<: 5\n")).Line.ShouldBe(2);

    [Fact]
    public void Convert_SyntaxError_ReportsLineAndColumn()
    {
        const string yaml = "metadata:\n  name: web\n  labels: app: web\n";

        var ex = Should.Throw<YamlConversionException>(() => YamlToJson.Convert(yaml));

        ex.Line.ShouldBe(3);
        ex.Column.ShouldBe(14);
        ex.Message.ShouldStartWith("YAML error at line 3, column 14: ");
    }

    [Fact]
    public void Convert_BadIndentation_ReportsLine()
    {
        var ex = Should.Throw<YamlConversionException>(() => YamlToJson.Convert("a:\n  - b\n - c\n"));

        ex.Line.ShouldBe(3);
    }

    [Fact]
    public void Convert_UnterminatedFlowSequence_ReportsAPosition()
    {
        var ex = Should.Throw<YamlConversionException>(() => YamlToJson.Convert("a: [1, 2\nb: 3\n"));

        ex.Line.ShouldBeGreaterThan(0);
        ex.Message.ShouldContain("flow");
    }

    [Fact]
    public void Convert_UnknownAlias_ReportsLine() =>
        Should.Throw<YamlConversionException>(() => YamlToJson.Convert("a: 1\nb: *missing\n")).Message.ShouldContain("missing");

    [Fact]
    public void Convert_DuplicateKey_IsAnErrorAtTheSecondKey()
    {
        var ex = Should.Throw<YamlConversionException>(() => YamlToJson.Convert("name: a\nimage: x\nname: b\n"));

        ex.Line.ShouldBe(3);
        ex.Message.ShouldContain("name");
    }

    [Fact]
    public void Convert_RecursiveAlias_IsAnErrorNotAStackOverflow() =>
        Should.Throw<YamlConversionException>(() => YamlToJson.Convert("a: &x [ *x ]\n")).Message.ShouldContain("recursive");

    [Fact]
    public void Convert_AliasBomb_IsStopped()
    {
        var yaml = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 1; i < 9; i++)
        {
            yaml += $"l{i}: &l{i} [" + string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10)) + "]\n";
        }

        Should.Throw<YamlConversionException>(() => YamlToJson.Convert(yaml)).Message.ShouldContain("aliases");
    }

    [Fact]
    public void Deserialize_DocumentAsPod_UsesTheGivenOptions()
    {
        var document = YamlToJson.Convert("kind: Pod\nmetadata:\n  name: web\n").Single();

        document.Deserialize<Pod>(KubeJson.Strict)!.Metadata!.Name.ShouldBe("web");
        document.Json.ShouldBeOfType<JsonObject>();
    }
}
