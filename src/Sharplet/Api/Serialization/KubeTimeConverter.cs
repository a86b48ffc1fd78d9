using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>metav1.Time: written as RFC 3339 in UTC with whole seconds, read from any RFC 3339 form.</summary>
internal sealed class KubeTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadRfc3339(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Rfc3339.FormatSeconds(value));
    }

    internal static DateTimeOffset ReadRfc3339(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A timestamp must be a JSON string, not {reader.TokenType}.");
        }

        var text = reader.GetString();
        return Rfc3339.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an RFC 3339 timestamp.");
    }
}
