using System.Text.Json;
using System.Text.Json.Nodes;
using Sharplet.Api;

namespace Sharplet.KubeClient;

/// <summary>A patch body and its type. Bodies are built as JSON nodes (source-generated, no reflection).</summary>
internal sealed record KubePatch(KubePatchType Type, ReadOnlyMemory<byte> Body)
{
    public string ContentType => Type switch
    {
        KubePatchType.Merge => "application/merge-patch+json",
        KubePatchType.StrategicMerge => "application/strategic-merge-patch+json",
        KubePatchType.Json => "application/json-patch+json",
        _ => throw new InvalidOperationException($"unknown patch type {Type}"),
    };

    public static KubePatch Merge(JsonObject body) => new(KubePatchType.Merge, Serialize(body));

    public static KubePatch StrategicMerge(JsonObject body) => new(KubePatchType.StrategicMerge, Serialize(body));

    public static KubePatch Json(IReadOnlyList<JsonPatchOperation> operations) =>
        new(KubePatchType.Json, JsonSerializer.SerializeToUtf8Bytes(operations, KubeJson.TypeInfo<IReadOnlyList<JsonPatchOperation>>(KubeJson.Lenient)));

    private static byte[] Serialize(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return JsonSerializer.SerializeToUtf8Bytes(body, KubeJson.TypeInfo<JsonObject>(KubeJson.Lenient));
    }
}
