using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// Reads a quantity from a JSON string or number (manifests write <c>cpu: 1</c>) and always
/// writes a string, as upstream's MarshalJSON does.
/// </summary>
internal sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                // Upstream decodes null as the zero quantity.
                return default;
            case JsonTokenType.String:
                // Upstream trims surrounding whitespace when decoding JSON (not when parsing).
                text = reader.GetString()!.Trim();
                break;
            case JsonTokenType.Number:
                // The raw number text keeps its exact digits and exponent ("1e3", "0.5").
                text = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                break;
            default:
                throw new JsonException($"A quantity must be a JSON string or number, not {reader.TokenType}.");
        }

        try
        {
            return Quantity.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
