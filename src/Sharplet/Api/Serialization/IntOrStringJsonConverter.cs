using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>Reads and writes <see cref="IntOrString"/> in the JSON form it has (number or string).</summary>
internal sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var number) => IntOrString.FromInt32(number),
            JsonTokenType.Number => throw new JsonException("An int-or-string number must be a 32-bit integer."),
            JsonTokenType.String => IntOrString.FromString(reader.GetString()!),
            // Go leaves a null int-or-string at its zero value, the integer 0.
            JsonTokenType.Null => default,
            _ => throw new JsonException($"An int-or-string must be a JSON number or string, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsString)
        {
            writer.WriteStringValue(value.StringValue);
        }
        else
        {
            writer.WriteNumberValue(value.IntValue);
        }
    }
}
