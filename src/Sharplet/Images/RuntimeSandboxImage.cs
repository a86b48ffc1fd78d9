using System.Text.Json;
using Grpc.Core;
using Sharplet.Cri;

namespace Sharplet.Images;

// The runtime's own sandbox (pause) image, as containerd's CRI reports it in its verbose status ("config" →
// "sandboxImage"). Runtimes before containerd 1.7 do not mark it pinned in ListImages; upstream's image GC then
// kept it because the kubelet knew the name (--pod-infra-container-image, "always consider the pod sandbox image
// in use"). Sharplet asks the runtime instead, so a node on containerd 1.6 never collects the image every new
// sandbox needs. Null when the runtime does not say (then only the pinned flag protects it).
internal static class RuntimeSandboxImage
{
    public static async Task<string?> ReadAsync(IRuntimeService runtime, CancellationToken cancellationToken)
    {
        try
        {
            var status = await runtime.StatusAsync(verbose: true, cancellationToken).ConfigureAwait(false);
            return status.Info.TryGetValue("config", out var config) ? Parse(config) : null;
        }
        catch (RpcException)
        {
            return null;
        }
    }

    internal static string? Parse(string configJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(configJson);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("sandboxImage", out var image)
                && image.ValueKind == JsonValueKind.String
                && image.GetString() is { Length: > 0 } name
                ? name
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
