using System.Reflection;
using System.Text.Json.Serialization;
using Sharplet.Api;

namespace Sharplet.Tests.Api;

// Guards the conventions every API type follows, so a new field cannot silently drift from the wire format.
public class ApiConventionsTests
{
    private static readonly Type[] DtoTypes = typeof(Pod).Assembly.GetTypes()
        .Where(t => t.Namespace == "Sharplet.Api" && t.IsClass && t.IsSealed && !t.IsAbstract
            && !typeof(Exception).IsAssignableFrom(t) && !typeof(JsonConverter).IsAssignableFrom(t)
            && !typeof(JsonSerializerContext).IsAssignableFrom(t) && t != typeof(YamlJsonDocument)
            && t.GetProperties().Any(p => p.CanWrite))
        .ToArray();

    [Fact]
    public void EveryApiProperty_HasAnExplicitJsonName()
    {
        DtoTypes.Length.ShouldBeGreaterThan(100);
        var unnamed = DtoTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is null && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");

        unnamed.ShouldBeEmpty();
    }

    [Fact]
    public void EveryApiType_IsCoveredBySourceGeneratedMetadata()
    {
        foreach (var type in DtoTypes)
        {
            KubeJson.Strict.GetTypeInfo(type).Type.ShouldBe(type);
        }
    }

    [Fact]
    public void TopLevelObjects_HaveApiVersionAndKind()
    {
        Type[] topLevel = [typeof(Pod), typeof(PodList), typeof(Node), typeof(NodeList), typeof(ConfigMap), typeof(ConfigMapList),
            typeof(Secret), typeof(SecretList), typeof(Event), typeof(Namespace), typeof(Lease), typeof(Status), typeof(DeleteOptions)];

        foreach (var type in topLevel)
        {
            var names = type.GetProperties().Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name).ToList();
            names.ShouldContain("apiVersion", type.Name);
            names.ShouldContain("kind", type.Name);
        }
    }
}
