using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 EnvVarSource: exactly one source is set.</summary>
internal sealed class EnvVarSource
{
    [JsonPropertyName("fieldRef")]
    public ObjectFieldSelector? FieldRef { get; set; }

    [JsonPropertyName("resourceFieldRef")]
    public ResourceFieldSelector? ResourceFieldRef { get; set; }

    [JsonPropertyName("configMapKeyRef")]
    public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }

    [JsonPropertyName("secretKeyRef")]
    public SecretKeySelector? SecretKeyRef { get; set; }

    [JsonPropertyName("fileKeyRef")]
    public FileKeySelector? FileKeyRef { get; set; }
}
