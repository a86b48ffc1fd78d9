using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Sharplet.Api;

/// <summary>
/// Gives YAML scalars the types sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) gives them, so a
/// manifest means here what it means to kubectl: plain <c>yes</c>/<c>on</c> are booleans,
/// <c>~</c> and <c>null</c> are null, <c>0x1F</c> and <c>0777</c> (octal) are integers, while
/// quoted scalars are always strings.
/// </summary>
internal static class YamlScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    /// <summary>The JSON value of a scalar node.</summary>
    public static JsonNode? Resolve(YamlScalarNode node)
    {
        var (kind, value) = Classify(node);
        return kind == YamlScalarKind.NotJson
            ? throw Error(node, $"'{node.Value}' (infinity or not-a-number) has no JSON representation")
            : value;
    }

    /// <summary>The JSON property name of a mapping key: YAML keys of any scalar type become strings.</summary>
    public static string ResolveKey(YamlNode key)
    {
        if (key is not YamlScalarNode scalar)
        {
            throw Error(key, "a mapping or sequence cannot be used as a key in JSON");
        }

        var (kind, value) = Classify(scalar);
        return kind switch
        {
            YamlScalarKind.Null => throw Error(key, "a null key cannot be used in JSON"),
            YamlScalarKind.Bool => value!.GetValue<bool>() ? "true" : "false",
            YamlScalarKind.Float => GoFloatFormat.Key(GoYamlPlainScalar.ParseDouble(scalar.Value!)),
            YamlScalarKind.NotJson => NonFiniteKey(scalar.Value!),
            YamlScalarKind.String => value!.GetValue<string>(),
            _ => value!.ToJsonString(),
        };
    }

    /// <summary>True for go-yaml's merge key: a plain <c>&lt;&lt;</c> or one tagged !!merge.</summary>
    public static bool IsMergeKey(YamlNode key) =>
        key is YamlScalarNode { Value: "<<" } scalar
        && (scalar.Tag.IsEmpty
            ? scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
            : !scalar.Tag.IsNonSpecific && scalar.Tag.Value == TagPrefix + "merge");

    private static (YamlScalarKind Kind, JsonNode? Value) Classify(YamlScalarNode node)
    {
        var text = node.Value ?? string.Empty;
        if (node.Tag.IsEmpty)
        {
            return node.Style == YamlDotNet.Core.ScalarStyle.Plain ? GoYamlPlainScalar.Resolve(text) : (YamlScalarKind.String, JsonValue.Create(text));
        }

        if (node.Tag.IsNonSpecific || !node.Tag.Value.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            // go-yaml hands the text of a scalar with an application tag (!foo) through unchanged.
            return (YamlScalarKind.String, JsonValue.Create(text));
        }

        var wanted = node.Tag.Value[TagPrefix.Length..];
        if (wanted is "str" or "timestamp")
        {
            return (YamlScalarKind.String, JsonValue.Create(text));
        }

        var resolved = GoYamlPlainScalar.Resolve(text);
        var matches = wanted switch
        {
            "null" => resolved.Kind == YamlScalarKind.Null,
            "bool" => resolved.Kind == YamlScalarKind.Bool,
            "int" => resolved.Kind == YamlScalarKind.Int,
            "float" => resolved.Kind is YamlScalarKind.Float or YamlScalarKind.Int or YamlScalarKind.NotJson,
            _ => false,
        };
        return matches
            ? resolved
            : throw Error(node, $"cannot decode '{text}' as !!{wanted}" + (wanted == "binary" ? " (!!binary is not supported)" : string.Empty));
    }

    private static string NonFiniteKey(string text) =>
        text.Contains("nan", StringComparison.OrdinalIgnoreCase) ? ".nan" : text.StartsWith('-') ? "-.inf" : ".inf";

    private static YamlConversionException Error(YamlNode node, string problem) =>
        new(problem, node.Start.Line, node.Start.Column);
}
