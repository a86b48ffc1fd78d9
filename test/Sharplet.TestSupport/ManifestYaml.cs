using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sharplet.TestSupport;

// Writes an API object's JSON (from the source-generated KubeJson context) as block YAML, the form an operator
// writes a static pod manifest in, through YamlDotNet's event emitter (no reflection). A string is written
// plain only where YAML could not read it as anything but that string (no number, bool or null look-alike);
// every other string is double-quoted, so the manifest parser reads back exactly the JSON's types.
internal static partial class ManifestYaml
{
    private static readonly HashSet<string> Ambiguous = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    };

    public static string FromJson(string json)
    {
        var node = JsonNode.Parse(json) ?? throw new ArgumentException("a manifest is an object, not null", nameof(json));
        using var writer = new StringWriter();
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    emitter.Emit(String(key));
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                emitter.Emit(String(value.GetValue<string>()));
                break;
            case null:
                emitter.Emit(Plain("null"));
                break;
            default:
                // Numbers and booleans as JSON writes them, which YAML reads as the same number or boolean.
                emitter.Emit(Plain(node.ToJsonString()));
                break;
        }
    }

    private static Scalar String(string value) =>
        SafePlain().IsMatch(value) && !Ambiguous.Contains(value)
            ? Plain(value)
            : new Scalar(null, null, value, ScalarStyle.DoubleQuoted, isPlainImplicit: false, isQuotedImplicit: true);

    private static Scalar Plain(string value) => new(null, null, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false);

    [GeneratedRegex("^[A-Za-z_/][A-Za-z0-9_./-]*$")]
    private static partial Regex SafePlain();
}
