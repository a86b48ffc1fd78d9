using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Sharplet.Api;

/// <summary>
/// Gives YAML scalars the types sigs.k8s.io/yaml (go-yaml v2, YAML 1.1) gives them, so a
/// manifest means here what it means to kubectl: plain <c>yes</c>/<c>on</c> are booleans,
/// <c>~</c> and <c>null</c> are null, <c>0x1F</c> and <c>0777</c> (octal) are integers, while
/// quoted scalars are always strings.
/// </summary>
internal static partial class YamlScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    // Nodes cannot be shared between parents, so the table holds kinds and a fresh node is made per use.
    private static readonly Dictionary<string, (ScalarKind Kind, bool Flag)> Words = BuildWords();

    internal enum ScalarKind
    {
        Null,
        Bool,
        Int,
        Float,
        String,
        NotJson,
    }

    /// <summary>The JSON value of a scalar node.</summary>
    public static JsonNode? Resolve(YamlScalarNode node)
    {
        var (kind, value) = Classify(node);
        return kind == ScalarKind.NotJson
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
            ScalarKind.Null => throw Error(key, "a null key cannot be used in JSON"),
            ScalarKind.Bool => value!.GetValue<bool>() ? "true" : "false",
            ScalarKind.Float => GoFloatFormat.Key(ParseDouble(scalar.Value!)),
            ScalarKind.NotJson => NonFiniteKey(scalar.Value!),
            ScalarKind.String => value!.GetValue<string>(),
            _ => value!.ToJsonString(),
        };
    }

    /// <summary>True for go-yaml's merge key: a plain <c>&lt;&lt;</c> or one tagged !!merge.</summary>
    public static bool IsMergeKey(YamlNode key) =>
        key is YamlScalarNode { Value: "<<" } scalar
        && (scalar.Tag.IsEmpty
            ? scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
            : !scalar.Tag.IsNonSpecific && scalar.Tag.Value == TagPrefix + "merge");

    private static (ScalarKind Kind, JsonNode? Value) Classify(YamlScalarNode node)
    {
        var text = node.Value ?? string.Empty;
        if (node.Tag.IsEmpty)
        {
            return node.Style == YamlDotNet.Core.ScalarStyle.Plain ? ResolvePlain(text) : (ScalarKind.String, JsonValue.Create(text));
        }

        if (node.Tag.IsNonSpecific || !node.Tag.Value.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            // go-yaml hands the text of a scalar with an application tag (!foo) through unchanged.
            return (ScalarKind.String, JsonValue.Create(text));
        }

        var wanted = node.Tag.Value[TagPrefix.Length..];
        if (wanted is "str" or "timestamp")
        {
            return (ScalarKind.String, JsonValue.Create(text));
        }

        var resolved = ResolvePlain(text);
        var matches = wanted switch
        {
            "null" => resolved.Kind == ScalarKind.Null,
            "bool" => resolved.Kind == ScalarKind.Bool,
            "int" => resolved.Kind == ScalarKind.Int,
            "float" => resolved.Kind is ScalarKind.Float or ScalarKind.Int or ScalarKind.NotJson,
            _ => false,
        };
        return matches
            ? resolved
            : throw Error(node, $"cannot decode '{text}' as !!{wanted}" + (wanted == "binary" ? " (!!binary is not supported)" : string.Empty));
    }

    /// <summary>go-yaml v2's resolve() for an untagged plain scalar.</summary>
    internal static (ScalarKind Kind, JsonNode? Value) ResolvePlain(string text)
    {
        if (Words.TryGetValue(text, out var word))
        {
            return (word.Kind, word.Kind == ScalarKind.Bool ? JsonValue.Create(word.Flag) : null);
        }

        // go-yaml only tries numbers for text that starts with a sign, a digit or a dot.
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.'))
        {
            return (ScalarKind.String, JsonValue.Create(text));
        }

        var plain = text[0] == '.' ? text : text.Replace("_", string.Empty, StringComparison.Ordinal);
        var integer = BigInteger.Zero;
        var hasSign = false;
        if (text[0] != '.' && TryParseGoInteger(plain, out integer, out hasSign))
        {
            if (integer >= long.MinValue && integer <= long.MaxValue)
            {
                return (ScalarKind.Int, JsonValue.Create((long)integer));
            }

            if (!hasSign && integer <= ulong.MaxValue)
            {
                return (ScalarKind.Int, JsonValue.Create((ulong)integer));
            }
        }

        if (FloatSyntax().IsMatch(plain))
        {
            var value = ParseDouble(plain);
            if (double.IsFinite(value))
            {
                return (ScalarKind.Float, JsonNode.Parse(GoFloatFormat.Json(value)));
            }
        }
        else if (text[0] != '.' && !hasSign && integer > ulong.MaxValue)
        {
            // Integers past 64 bits that are not decimal (decimal ones became floats above) stay exact.
            return (ScalarKind.Int, JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture)));
        }

        return (ScalarKind.String, JsonValue.Create(text));
    }

    /// <summary>strconv.ParseInt(s, 0, …) syntax: optional sign, then 0x/0o/0b prefixes or a leading 0 for octal.</summary>
    private static bool TryParseGoInteger(string text, out BigInteger value, out bool hasSign)
    {
        value = BigInteger.Zero;
        hasSign = text.Length > 0 && text[0] is '+' or '-';
        var negative = text.StartsWith('-');
        var digits = hasSign ? text[1..] : text;
        var radix = 10;
        if (digits.Length > 1 && digits[0] == '0')
        {
            (radix, digits) = char.ToLowerInvariant(digits[1]) switch
            {
                'x' => (16, digits[2..]),
                'o' => (8, digits[2..]),
                'b' => (2, digits[2..]),
                _ => (8, digits[1..]),
            };
        }

        if (digits.Length == 0)
        {
            return false;
        }

        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : int.MaxValue;
            if (digit >= radix)
            {
                return false;
            }

            value = (value * radix) + digit;
        }

        value = negative ? -value : value;
        return true;
    }

    private static string NonFiniteKey(string text) =>
        text.Contains("nan", StringComparison.OrdinalIgnoreCase) ? ".nan" : text.StartsWith('-') ? "-.inf" : ".inf";

    private static double ParseDouble(string text) =>
        double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : double.NaN;

    private static Dictionary<string, (ScalarKind, bool)> BuildWords()
    {
        var words = new Dictionary<string, (ScalarKind, bool)>(StringComparer.Ordinal);
        void Add(ScalarKind kind, bool flag, params string[] spellings)
        {
            foreach (var spelling in spellings)
            {
                words[spelling] = (kind, flag);
            }
        }

        Add(ScalarKind.Bool, true, "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
        Add(ScalarKind.Bool, false, "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
        Add(ScalarKind.Null, false, string.Empty, "~", "null", "Null", "NULL");
        Add(ScalarKind.NotJson, false, ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
        return words;
    }

    private static YamlConversionException Error(YamlNode node, string problem) =>
        new(problem, node.Start.Line, node.Start.Column);

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatSyntax();
}
