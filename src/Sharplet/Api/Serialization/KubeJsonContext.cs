using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// Source-generated metadata for every top-level API object, so (de)serialization needs no
/// reflection. Nulls are omitted on write, as upstream's omitempty does for optional fields.
/// Use <see cref="KubeJson.Lenient"/> or <see cref="KubeJson.Strict"/> rather than this
/// context's own options, which do not choose how unknown fields are handled.
/// </summary>
// Metadata only, no fast-path serialize handlers: writing goes through the same property metadata that reading
// needs anyway (same output); the handlers were ~90 KB of native code for a few writes a second.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(PodList))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(NodeList))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(ConfigMapList))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(SecretList))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(ServiceList))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(CertificateSigningRequest))]
[JsonSerializable(typeof(CertificateSigningRequestList))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(PersistentVolume))]
[JsonSerializable(typeof(PersistentVolumeClaim))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(WatchEvent))]
[JsonSerializable(typeof(Quantity))]
[JsonSerializable(typeof(IntOrString))]
[JsonSerializable(typeof(Dictionary<string, Quantity>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(IReadOnlyList<JsonPatchOperation>))]
internal sealed partial class KubeJsonContext : JsonSerializerContext;
