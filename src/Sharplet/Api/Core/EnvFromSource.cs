using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>core/v1 EnvFromSource.</summary>
internal sealed class EnvFromSource
{
    [JsonPropertyName("prefix")]
    public string? Prefix { get; set; }

    [JsonPropertyName("configMapRef")]
    public ConfigMapEnvSource? ConfigMapRef { get; set; }

    [JsonPropertyName("secretRef")]
    public SecretEnvSource? SecretRef { get; set; }
}
