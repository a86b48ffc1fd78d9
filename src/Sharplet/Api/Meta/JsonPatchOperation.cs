using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>One RFC 6902 operation: op "add", "remove", "replace", "move", "copy" or "test".</summary>
internal sealed record JsonPatchOperation(
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("value")] JsonNode? Value = null,
    [property: JsonPropertyName("from")] string? From = null);
