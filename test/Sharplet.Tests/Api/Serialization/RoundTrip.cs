using System.Text.Json.Nodes;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Serialization;

/// <summary>Reads server JSON leniently, writes it back and compares the two as JSON values.</summary>
internal static class RoundTrip
{
    public static T Check<T>(string serverJson)
    {
        var value = KubeJson.Deserialize<T>(serverJson, KubeJson.Lenient)!;
        var written = JsonNode.Parse(KubeJson.Serialize(value));

        // Go writes unset times as explicit nulls ("lastProbeTime": null); they are omitted here.
        var expected = WithoutNulls(JsonNode.Parse(serverJson));
        JsonNode.DeepEquals(expected, written).ShouldBeTrue(
            $"round trip changed the JSON:\nexpected {expected?.ToJsonString()}\nwritten  {written?.ToJsonString()}");
        return value;
    }

    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var (_, child) in obj)
                {
                    WithoutNulls(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    WithoutNulls(child);
                }

                break;
        }

        return node;
    }
}
