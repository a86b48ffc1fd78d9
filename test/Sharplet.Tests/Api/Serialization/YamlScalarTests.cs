using Sharplet.Api;

namespace Sharplet.Tests.Api.Serialization;

// Plain scalars follow go-yaml v2 (YAML 1.1) as used by sigs.k8s.io/yaml; the expected JSON is
// what that library produces for the same input.
public class YamlScalarTests
{
    [Theory]
    [InlineData("v: hello", "\"hello\"")]
    [InlineData("v: ~", "null")]
    [InlineData("v: null", "null")]
    [InlineData("v: Null", "null")]
    [InlineData("v: NULL", "null")]
    [InlineData("v:", "null")]
    [InlineData("v: nULL", "\"nULL\"")]
    [InlineData("v: true", "true")]
    [InlineData("v: True", "true")]
    [InlineData("v: yes", "true")]
    [InlineData("v: Y", "true")]
    [InlineData("v: on", "true")]
    [InlineData("v: ON", "true")]
    [InlineData("v: no", "false")]
    [InlineData("v: n", "false")]
    [InlineData("v: off", "false")]
    [InlineData("v: FALSE", "false")]
    [InlineData("v: tRUE", "\"tRUE\"")]
    [InlineData("v: 42", "42")]
    [InlineData("v: -42", "-42")]
    [InlineData("v: +42", "42")]
    [InlineData("v: 1_000", "1000")]
    [InlineData("v: 0x1F", "31")]
    [InlineData("v: 0o17", "15")]
    [InlineData("v: 0777", "511")]
    [InlineData("v: 0b101", "5")]
    [InlineData("v: 08", "8")]
    [InlineData("v: 9223372036854775807", "9223372036854775807")]
    [InlineData("v: 18446744073709551615", "18446744073709551615")]
    // Past 64 bits a decimal integer becomes a float in go-yaml, printed with shortest digits.
    [InlineData("v: 18446744073709551616", "18446744073709552000")]
    [InlineData("v: 0x1FFFFFFFFFFFFFFFF", "36893488147419103231")]
    [InlineData("v: 1.5", "1.5")]
    [InlineData("v: .5", "0.5")]
    [InlineData("v: 1.", "1")]
    [InlineData("v: 1e3", "1000")]
    [InlineData("v: 1.0", "1")]
    [InlineData("v: 1e21", "1e+21")]
    [InlineData("v: 1.5e-7", "1.5e-7")]
    [InlineData("v: 0.000001", "0.000001")]
    [InlineData("v: 123456789012345678901234", "1.2345678901234569e+23")]
    [InlineData("v: 1e999", "\"1e999\"")]
    [InlineData("v: 1:30", "\"1:30\"")]
    [InlineData("v: 2024-01-02", "\"2024-01-02\"")]
    [InlineData("v: 1.2.3", "\"1.2.3\"")]
    [InlineData("v: .", "\".\"")]
    [InlineData("v: 500m", "\"500m\"")]
    [InlineData("v: 128Mi", "\"128Mi\"")]
    [InlineData("v: \"42\"", "\"42\"")]
    [InlineData("v: 'true'", "\"true\"")]
    [InlineData("v: \"\"", "\"\"")]
    [InlineData("v: |\n  line\n", "\"line\\n\"")]
    [InlineData("v: !!str 42", "\"42\"")]
    [InlineData("v: !!int \"42\"", "42")]
    [InlineData("v: !!float 1", "1")]
    [InlineData("v: !custom 42", "\"42\"")]
    [InlineData("v: ! 42", "\"42\"")]
    public void Convert_Scalar_ResolvesLikeKubernetes(string yaml, string json) =>
        Single(yaml)["v"].ToJsonOrNull().ShouldBe(json);

    [Theory]
    [InlineData("1: a", "1")]
    [InlineData("0x10: a", "16")]
    [InlineData("yes: a", "true")]
    [InlineData("on: a", "true")]
    [InlineData("1.5: a", "1.5")]
    [InlineData("1e6: a", "1e+06")]
    [InlineData(".inf: a", ".inf")]
    [InlineData("'quoted': a", "quoted")]
    public void Convert_NonStringKey_BecomesItsGoString(string yaml, string key) =>
        Single(yaml).AsObject().ContainsKey(key).ShouldBeTrue();

    [Theory]
    [InlineData("v: .inf")]
    [InlineData("v: -.Inf")]
    [InlineData("v: .nan")]
    public void Convert_NonFiniteFloat_IsAnErrorBecauseJsonHasNone(string yaml) =>
        Should.Throw<YamlConversionException>(() => YamlToJson.Convert(yaml)).Line.ShouldBe(1);

    [Theory]
    [InlineData("v: !!int abc", "!!int")]
    [InlineData("v: !!bool 1", "!!bool")]
    [InlineData("v: !!binary aGVsbG8=", "!!binary")]
    public void Convert_TagThatDoesNotFit_IsAnError(string yaml, string tag) =>
        Should.Throw<YamlConversionException>(() => YamlToJson.Convert(yaml)).Message.ShouldContain(tag);

    [Fact]
    public void Convert_NullKey_IsAnError()
    {
        var ex = Should.Throw<YamlConversionException>(() => YamlToJson.Convert("a: 1\n~: 2\n"));

        ex.Line.ShouldBe(2);
        ex.Column.ShouldBe(1);
        ex.Message.ShouldContain("null key");
    }

    [Fact]
    public void Convert_MappingAsKey_IsAnError() =>
        Should.Throw<YamlConversionException>(() => YamlToJson.Convert("? {a: 1}\n: b\n")).Message.ShouldContain("key");

    private static System.Text.Json.Nodes.JsonNode Single(string yaml) => YamlToJson.Convert(yaml).ShouldHaveSingleItem().Json;
}

internal static class JsonNodeTestExtensions
{
    public static string ToJsonOrNull(this System.Text.Json.Nodes.JsonNode? node) => node?.ToJsonString() ?? "null";
}
