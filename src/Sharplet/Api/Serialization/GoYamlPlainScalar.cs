using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sharplet.Api;

/// <summary>
/// The types go-yaml v2 (and so sigs.k8s.io/yaml) gives untagged plain scalars: YAML 1.1 words
/// for booleans and null, Go integer syntax (0x, 0o, 0b, leading-zero octal, underscores), and
/// floats that Go's ParseFloat accepts. Anything else is a string.
/// </summary>
internal static partial class GoYamlPlainScalar
{
    // Nodes cannot be shared between parents, so the table holds kinds and a fresh node is made per use.
    private static readonly Dictionary<string, (YamlScalarKind Kind, bool Flag)> Words = BuildWords();

    /// <summary>go-yaml v2's resolve() for an untagged plain scalar.</summary>
    public static (YamlScalarKind Kind, JsonNode? Value) Resolve(string text)
    {
        if (Words.TryGetValue(text, out var word))
        {
            return (word.Kind, word.Kind == YamlScalarKind.Bool ? JsonValue.Create(word.Flag) : null);
        }

        // go-yaml only tries numbers for text that starts with a sign, a digit or a dot.
        if (text.Length == 0 || !(char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.'))
        {
            return (YamlScalarKind.String, JsonValue.Create(text));
        }

        var plain = text[0] == '.' ? text : text.Replace("_", string.Empty, StringComparison.Ordinal);
        var integer = BigInteger.Zero;
        var hasSign = false;
        if (text[0] != '.' && TryParseGoInteger(plain, out integer, out hasSign))
        {
            if (integer >= long.MinValue && integer <= long.MaxValue)
            {
                return (YamlScalarKind.Int, JsonValue.Create((long)integer));
            }

            if (!hasSign && integer <= ulong.MaxValue)
            {
                return (YamlScalarKind.Int, JsonValue.Create((ulong)integer));
            }
        }

        if (FloatSyntax().IsMatch(plain))
        {
            var value = ParseDouble(plain);
            if (double.IsFinite(value))
            {
                return (YamlScalarKind.Float, JsonNode.Parse(GoFloatFormat.Json(value)));
            }
        }
        else if (text[0] != '.' && !hasSign && integer > ulong.MaxValue)
        {
            // Integers past 64 bits that are not decimal (decimal ones became floats above) stay exact.
            return (YamlScalarKind.Int, JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture)));
        }

        return (YamlScalarKind.String, JsonValue.Create(text));
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

    internal static double ParseDouble(string text) =>
        double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : double.NaN;

    private static Dictionary<string, (YamlScalarKind, bool)> BuildWords()
    {
        var words = new Dictionary<string, (YamlScalarKind, bool)>(StringComparer.Ordinal);
        void Add(YamlScalarKind kind, bool flag, params string[] spellings)
        {
            foreach (var spelling in spellings)
            {
                words[spelling] = (kind, flag);
            }
        }

        Add(YamlScalarKind.Bool, true, "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
        Add(YamlScalarKind.Bool, false, "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
        Add(YamlScalarKind.Null, false, string.Empty, "~", "null", "Null", "NULL");
        Add(YamlScalarKind.NotJson, false, ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF");
        return words;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatSyntax();
}
