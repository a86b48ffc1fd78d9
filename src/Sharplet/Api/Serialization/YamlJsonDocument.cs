using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sharplet.Api;

/// <summary>
/// One non-empty document of a YAML stream, converted to JSON.
/// <see cref="Index"/> is the 1-based position in the stream (empty documents count, so it
/// matches what a reader counting <c>---</c> separators sees) and <see cref="Line"/> the
/// 1-based line where the document's content starts.
/// </summary>
internal sealed record YamlJsonDocument(int Index, int Line, JsonNode Json)
{
    /// <summary>A location for messages: "pods.yaml, document 2 (line 14)".</summary>
    public string Describe(string source) => $"{source}, document {Index} (line {Line})";

    public T? Deserialize<T>(JsonSerializerOptions options) => Json.Deserialize(KubeJson.TypeInfo<T>(options));
}
