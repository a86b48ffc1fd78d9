using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.Api.Defaulting;
using Sharplet.Api.Validation;
using Sharplet.Pods;

namespace Sharplet.Config;

// Turns one static pod manifest file (YAML or JSON, one or more documents) into pods, as upstream's file source
// does: strict decoding (an unknown field is an error), API defaults, the static pod identity (name suffixed
// with the node name, UID derived from content, node and file), then validation. Every problem names the
// file, the document and the field; a bad document never hides the good ones.
internal static class ManifestDecoder
{
    public static ManifestFileResult Decode(string path, string text, string nodeName, DateTimeOffset now)
    {
        IReadOnlyList<YamlJsonDocument> documents;
        try
        {
            documents = YamlToJson.Convert(text);
        }
        catch (YamlConversionException ex)
        {
            return new ManifestFileResult(path, [], [$"{path}: {ex.Message}"]);
        }

        var pods = new List<Pod>();
        var errors = new List<string>();
        foreach (var document in documents)
        {
            var where = document.Describe(path);
            foreach (var (pod, error) in DecodeDocument(document, path, nodeName, now))
            {
                if (error is not null)
                {
                    errors.Add($"{where}: {error}");
                }
                else
                {
                    pods.Add(pod!);
                }
            }
        }

        return new ManifestFileResult(path, pods, errors);
    }

    private static IEnumerable<(Pod? Pod, string? Error)> DecodeDocument(YamlJsonDocument document, string path, string nodeName, DateTimeOffset now)
    {
        if (document.Json is not JsonObject obj)
        {
            yield return (null, "a manifest must be an object (a Pod)");
            yield break;
        }

        var kind = obj["kind"]?.GetValueKind() == JsonValueKind.String ? obj["kind"]!.GetValue<string>() : null;
        var apiVersion = obj["apiVersion"]?.GetValueKind() == JsonValueKind.String ? obj["apiVersion"]!.GetValue<string>() : null;
        if (apiVersion != "v1")
        {
            yield return (null, $"apiVersion: Unsupported value: \"{apiVersion}\": a static pod manifest must be apiVersion v1");
            yield break;
        }

        if (kind == "PodList")
        {
            var items = obj["items"] as JsonArray ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                yield return items[i] is JsonObject item
                    ? Decode(item, $"items[{i}].", path, nodeName, now)
                    : (null, $"items[{i}]: a list item must be an object");
            }

            yield break;
        }

        if (kind != "Pod")
        {
            yield return (null, $"kind: Unsupported value: \"{kind}\": a static pod manifest holds a Pod (or a PodList)");
            yield break;
        }

        yield return Decode(obj, string.Empty, path, nodeName, now);
    }

    private static (Pod? Pod, string? Error) Decode(JsonObject obj, string prefix, string path, string nodeName, DateTimeOffset now)
    {
        if (NullListItems.Find(obj) is { } nullItem)
        {
            return (null, $"{prefix}{nullItem}: Required value: a list item or map value must not be null");
        }

        Pod? pod;
        try
        {
            pod = obj.Deserialize(KubeJson.TypeInfo<Pod>(KubeJson.Strict));
        }
        catch (JsonException ex)
        {
            return (null, DescribeJsonError(ex, prefix));
        }

        if (pod is null)
        {
            return (null, "empty manifest");
        }

        // Sharplet's collection bounds first: validating (and hashing) 100,000 env entries is itself the cost.
        var tooBig = PodSizeValidator.Validate(pod.Spec);
        if (tooBig.Count > 0)
        {
            return (null, string.Join("; ", tooBig.Select(p => prefix + p)));
        }

        pod.Kind ??= "Pod";
        pod.ApiVersion ??= "v1";
        pod.Metadata ??= new ObjectMeta();
        PodDefaults.Apply(pod);
        ApplyStaticPodIdentity(pod, path, nodeName, now);
        var problems = PodValidator.ValidateCreate(pod);
        if (problems.Count > 0)
        {
            return (null, string.Join("; ", problems.Select(p => prefix + p)));
        }

        return (pod, null);
    }

    // Upstream applyDefaults in pkg/kubelet/config/common.go: a content-derived UID (so the same file maps to the
    // same pod across restarts), "<name>-<node>", namespace default, the node name, and the config annotations.
    internal static void ApplyStaticPodIdentity(Pod pod, string path, string nodeName, DateTimeOffset now)
    {
        var meta = pod.Metadata!;
        if (string.IsNullOrEmpty(meta.Uid))
        {
            var content = KubeJson.SerializeToUtf8Bytes(pod);
            var suffix = Encoding.UTF8.GetBytes($"host:{nodeName}file:{path}");
            // MD5 as upstream, for a 32-hex-digit UID of the same shape; an identifier, not a security measure.
#pragma warning disable CA5351
            var hash = MD5.HashData([.. content, .. suffix]);
#pragma warning restore CA5351
            meta.Uid = Convert.ToHexStringLower(hash);
        }

        meta.Name = $"{meta.Name}-{nodeName.ToLowerInvariant()}";
        if (string.IsNullOrEmpty(meta.Namespace))
        {
            meta.Namespace = "default";
        }

        pod.Spec!.NodeName = nodeName;
        TolerateEveryNoExecuteTaint(pod.Spec);
        meta.Annotations ??= [];
        meta.Annotations[ConfigAnnotations.Hash] = meta.Uid;
        meta.Annotations[ConfigAnnotations.Source] = ConfigAnnotations.FileSource;
        meta.Annotations.TryAdd(ConfigAnnotations.Seen, now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture));
        pod.Status = new PodStatus { Phase = PodPhase.Pending };
    }

    // Upstream gives file pods this toleration so that node problems (NoExecute taints) never evict them; an
    // equal toleration already in the spec is replaced (upstream AddOrUpdateTolerationInPod), not duplicated.
    private static void TolerateEveryNoExecuteTaint(PodSpec spec)
    {
        var tolerations = spec.Tolerations ??= [];
        var index = tolerations.FindIndex(t =>
            string.IsNullOrEmpty(t.Key) && t.Operator == "Exists" && string.IsNullOrEmpty(t.Value) && t.Effect == "NoExecute");
        var everything = new Toleration { Operator = "Exists", Effect = "NoExecute" };
        if (index >= 0)
        {
            tolerations[index] = everything;
        }
        else
        {
            tolerations.Add(everything);
        }
    }

    // "unknown field "spec.containers[0].imagee"" rather than the serializer's CLR type names.
    private static string DescribeJsonError(JsonException ex, string prefix)
    {
        var field = prefix + (ex.Path ?? "$").TrimStart('$').TrimStart('.');
        var message = ex.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"unknown field \"{field}\"";
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var detail = (cut > 0 ? message[..cut] : message).Replace("System.", string.Empty, StringComparison.Ordinal);
        detail = ApiTypeNames.StripNamespace(detail);
        return $"{field}: {detail}";
    }
}
