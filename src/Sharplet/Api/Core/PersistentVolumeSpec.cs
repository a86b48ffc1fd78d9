using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// core/v1 PersistentVolumeSpec. The sources the kubelet mounts (hostPath, local) are typed, csi is typed far
/// enough to name its driver; every other source lands in <see cref="OtherFields"/>, so it round-trips and
/// a refusal can name it.
/// </summary>
internal sealed class PersistentVolumeSpec
{
    [JsonPropertyName("capacity")]
    public Dictionary<string, Quantity>? Capacity { get; set; }

    [JsonPropertyName("accessModes")]
    public List<string>? AccessModes { get; set; }

    [JsonPropertyName("claimRef")]
    public ObjectReference? ClaimRef { get; set; }

    [JsonPropertyName("persistentVolumeReclaimPolicy")]
    public string? PersistentVolumeReclaimPolicy { get; set; }

    [JsonPropertyName("storageClassName")]
    public string? StorageClassName { get; set; }

    [JsonPropertyName("volumeMode")]
    public string? VolumeMode { get; set; }

    [JsonPropertyName("mountOptions")]
    public List<string>? MountOptions { get; set; }

    [JsonPropertyName("nodeAffinity")]
    public VolumeNodeAffinity? NodeAffinity { get; set; }

    [JsonPropertyName("hostPath")]
    public HostPathVolumeSource? HostPath { get; set; }

    [JsonPropertyName("local")]
    public LocalVolumeSource? Local { get; set; }

    [JsonPropertyName("csi")]
    public CSIPersistentVolumeSource? Csi { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherFields { get; set; }
}
