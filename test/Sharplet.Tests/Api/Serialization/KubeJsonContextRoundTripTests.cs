using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Serialization;

// Every type the source-generated context is asked for, with every property populated (recursively), written
// and read back through the context alone: a property the generator (or the trimmer) lost would be missing
// from the JSON, and one that is written but not read would change the second write. A type the filler does
// not know fails the test by name, so a new custom type has to be given a value here.
public sealed class KubeJsonContextRoundTripTests
{
    private const int MaxDepth = 10;

    public static TheoryData<string> RegisteredTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in Registered())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegisteredTypes))]
    public void RegisteredType_EveryPropertyPopulated_RoundTripsThroughTheContext(string typeName)
    {
        var type = Registered().Single(t => t.FullName == typeName);
        var info = KubeJson.Lenient.GetTypeInfo(type);
        var paths = new List<string>();

        var value = Fill(info, "$", paths, 0);
        var first = JsonSerializer.Serialize(value, info);
        var back = JsonSerializer.Deserialize(first, KubeJson.Strict.GetTypeInfo(type));
        var second = JsonSerializer.Serialize(back, info);

        second.ShouldBe(first);
        var root = JsonNode.Parse(first);
        foreach (var path in paths)
        {
            Find(root, path).ShouldNotBeNull($"{typeName}: {path} was set but not written: {first}");
        }

        if (info.Kind == JsonTypeInfoKind.Object && info.Properties.Count > 0)
        {
            paths.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public void EveryPodSubtype_IsReached()
    {
        // A guard on the filler itself: Pod alone reaches deep into the API (probes, volumes, statuses).
        var paths = new List<string>();
        Fill(KubeJson.Lenient.GetTypeInfo(typeof(Pod)), "$", paths, 0);

        paths.ShouldContain("$.spec.containers[0].livenessProbe.httpGet.port");
        paths.ShouldContain("$.status.containerStatuses[0].state.terminated.exitCode");
        paths.ShouldContain("$.spec.volumes[0].configMap.items[0].key");
        paths.Count.ShouldBeGreaterThan(300);
    }

    private static IEnumerable<Type> Registered() =>
        typeof(KubeJsonContext).CustomAttributes
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!);

    private static object? Fill(JsonTypeInfo info, string path, List<string> paths, int depth)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (Scalar(type) is { } scalar)
        {
            return scalar;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Enumerable:
            {
                var element = KubeJson.Lenient.GetTypeInfo(info.ElementType!);
                var item = Fill(element, path + "[0]", paths, depth + 1);
                if (type.IsArray)
                {
                    var array = Array.CreateInstance(info.ElementType!, 1);
                    array.SetValue(item, 0);
                    return array;
                }

                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(info.ElementType!))!;
                list.Add(item);
                return list;
            }

            case JsonTypeInfoKind.Dictionary:
            {
                var element = KubeJson.Lenient.GetTypeInfo(info.ElementType!);
                var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(info.KeyType!, info.ElementType!))!;
                map.Add("key", Fill(element, path + ".key", paths, depth + 1));
                return map;
            }

            case JsonTypeInfoKind.Object:
            {
                var value = info.CreateObject?.Invoke() ?? Construct(info, path, paths, depth);
                if (depth >= MaxDepth)
                {
                    return value;
                }

                foreach (var property in info.Properties.Where(p => p.Set is not null && !p.IsExtensionData && !paths.Contains($"{path}.{p.Name}")))
                {
                    var child = $"{path}.{property.Name}";
                    var propertyValue = Fill(KubeJson.Lenient.GetTypeInfo(property.PropertyType), child, paths, depth + 1);
                    property.Set!(value, propertyValue);
                    paths.Add(child);
                }

                return value;
            }

            default:
                throw new InvalidOperationException($"no test value for {type} at {path}: add one to {nameof(KubeJsonContextRoundTripTests)}");
        }
    }

    // A record without a parameterless constructor (JsonPatchOperation): its widest constructor, each parameter
    // filled as the property of the same name.
    private static object Construct(JsonTypeInfo info, string path, List<string> paths, int depth)
    {
        var constructor = info.Type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(parameter =>
        {
            var property = info.Properties.Single(p => string.Equals(((System.Reflection.MemberInfo?)p.AttributeProvider)?.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
            var child = $"{path}.{property.Name}";
            paths.Add(child);
            return Fill(KubeJson.Lenient.GetTypeInfo(parameter.ParameterType), child, paths, depth + 1);
        }).ToArray();
        return constructor.Invoke(arguments);
    }

    private static object? Scalar(Type type)
    {
        if (type.IsEnum)
        {
            return Enum.GetValues(type).Cast<object>().Last();
        }

        return type switch
        {
            _ when type == typeof(string) => "text-a",
            _ when type == typeof(bool) => true,
            _ when type == typeof(int) => 7,
            _ when type == typeof(long) => 8L,
            _ when type == typeof(double) => 1.5,
            _ when type == typeof(byte[]) => new byte[] { 1, 2, 3 },
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 12, 6, 21, 30, 5, TimeSpan.Zero),
            _ when type == typeof(Quantity) => Quantity.Parse("1500m"),
            _ when type == typeof(IntOrString) => IntOrString.FromString("http"),
            _ when type == typeof(JsonElement) => JsonDocument.Parse("""{"a":1}""").RootElement.Clone(),
            _ when type == typeof(JsonObject) => new JsonObject { ["a"] = 1 },
            _ when type == typeof(JsonNode) => new JsonObject { ["a"] = 1 },
            _ => null,
        };
    }

    private static JsonNode? Find(JsonNode? node, string path)
    {
        foreach (var part in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part;
            var index = -1;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                name = part[..bracket];
                index = 0;
            }

            node = name.Length > 0 ? node?[name] : node;
            if (index >= 0)
            {
                node = node is JsonArray { Count: > 0 } array ? array[0] : null;
            }

            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
