using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 ExecAction.</summary>
internal sealed class ExecAction
{
    [JsonPropertyName("command")]
    public List<string>? Command { get; set; }
}
