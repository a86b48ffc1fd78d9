using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// core/v1 Volume with its VolumeSource inlined: exactly one source is set.
/// Sources the kubelet does not mount itself (legacy in-tree drivers) stay raw JSON so they round-trip.
/// </summary>
internal sealed class Volume
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("hostPath")]
    public HostPathVolumeSource? HostPath { get; set; }

    [JsonPropertyName("emptyDir")]
    public EmptyDirVolumeSource? EmptyDir { get; set; }

    [JsonPropertyName("gcePersistentDisk")]
    public JsonElement? GcePersistentDisk { get; set; }

    [JsonPropertyName("awsElasticBlockStore")]
    public JsonElement? AwsElasticBlockStore { get; set; }

    [JsonPropertyName("gitRepo")]
    public JsonElement? GitRepo { get; set; }

    [JsonPropertyName("secret")]
    public SecretVolumeSource? Secret { get; set; }

    [JsonPropertyName("nfs")]
    public JsonElement? Nfs { get; set; }

    [JsonPropertyName("iscsi")]
    public JsonElement? Iscsi { get; set; }

    [JsonPropertyName("glusterfs")]
    public JsonElement? Glusterfs { get; set; }

    [JsonPropertyName("persistentVolumeClaim")]
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }

    [JsonPropertyName("rbd")]
    public JsonElement? Rbd { get; set; }

    [JsonPropertyName("flexVolume")]
    public JsonElement? FlexVolume { get; set; }

    [JsonPropertyName("cinder")]
    public JsonElement? Cinder { get; set; }

    [JsonPropertyName("cephfs")]
    public JsonElement? Cephfs { get; set; }

    [JsonPropertyName("flocker")]
    public JsonElement? Flocker { get; set; }

    [JsonPropertyName("downwardAPI")]
    public DownwardAPIVolumeSource? DownwardAPI { get; set; }

    [JsonPropertyName("fc")]
    public JsonElement? Fc { get; set; }

    [JsonPropertyName("azureFile")]
    public JsonElement? AzureFile { get; set; }

    [JsonPropertyName("configMap")]
    public ConfigMapVolumeSource? ConfigMap { get; set; }

    [JsonPropertyName("vsphereVolume")]
    public JsonElement? VsphereVolume { get; set; }

    [JsonPropertyName("quobyte")]
    public JsonElement? Quobyte { get; set; }

    [JsonPropertyName("azureDisk")]
    public JsonElement? AzureDisk { get; set; }

    [JsonPropertyName("photonPersistentDisk")]
    public JsonElement? PhotonPersistentDisk { get; set; }

    [JsonPropertyName("projected")]
    public ProjectedVolumeSource? Projected { get; set; }

    [JsonPropertyName("portworxVolume")]
    public JsonElement? PortworxVolume { get; set; }

    [JsonPropertyName("scaleIO")]
    public JsonElement? ScaleIO { get; set; }

    [JsonPropertyName("storageos")]
    public JsonElement? Storageos { get; set; }

    [JsonPropertyName("csi")]
    public CSIVolumeSource? Csi { get; set; }

    [JsonPropertyName("ephemeral")]
    public EphemeralVolumeSource? Ephemeral { get; set; }

    [JsonPropertyName("image")]
    public ImageVolumeSource? Image { get; set; }
}
