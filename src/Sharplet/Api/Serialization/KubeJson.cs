using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Sharplet.Api;

/// <summary>The two ways the kubelet reads API JSON, both backed only by <see cref="KubeJsonContext"/>.</summary>
internal static class KubeJson
{
    /// <summary>
    /// For API traffic: unknown fields are ignored, because newer servers add fields that this
    /// kubelet must carry on working without.
    /// </summary>
    public static JsonSerializerOptions Lenient { get; } = Create(strict: false);

    /// <summary>
    /// For manifests written by people: an unknown field (a typo such as "imagee"), a duplicate
    /// field or a null where a value is required fails with a <see cref="JsonException"/> whose
    /// Path names it, e.g. <c>$.spec.containers[0].imagee</c>.
    /// </summary>
    public static JsonSerializerOptions Strict { get; } = Create(strict: true);

    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    public static T? Deserialize<T>(string json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(json, TypeInfo<T>(options));

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(utf8Json, TypeInfo<T>(options));

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>(Lenient));

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>(Lenient));

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(KubeJsonContext.Default.Options)
        {
            // The context alone, so a type missing from it fails loudly instead of falling back to reflection.
            TypeInfoResolver = KubeJsonContext.Default,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            AllowDuplicateProperties = !strict,
            RespectNullableAnnotations = strict,

            // Explicit rather than the default by accident: every API object, watch event and manifest is read
            // with this bound, so the converters never recurse deeper than it.
            MaxDepth = InputLimits.MaxDepth,
        };
        options.MakeReadOnly();
        return options;
    }
}
