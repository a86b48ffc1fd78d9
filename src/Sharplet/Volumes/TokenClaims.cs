using System.Buffers.Text;
using System.Text.Json;

namespace Sharplet.Volumes;

// The claims of a service-account JWT that tell whom and how long it serves: read from a token this node
// wrote itself (its own tmpfs, mounted read-only into the container), so the signature is not checked here;
// the API server checks it on every use. Expires is "kubernetes.io".warnafter when present: with
// --service-account-extend-token-expiration the JWT's exp is a year away while the TokenRequest answered
// (and the kubelet refreshes on) the lifetime asked for, which warnafter records.
internal sealed record TokenClaims(DateTimeOffset IssuedAt, DateTimeOffset Expires, string? Namespace, string? ServiceAccount, string? PodUid, IReadOnlyList<string> Audiences)
{
    // Null when the text is not a JWT with iat and exp.
    public static TokenClaims? Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Trim().Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Seconds(root, "iat") is not { } iat || Seconds(root, "exp") is not { } exp)
            {
                return null;
            }

            var kube = root.TryGetProperty("kubernetes.io", out var k) && k.ValueKind == JsonValueKind.Object ? k : default;
            var expires = (kube.ValueKind == JsonValueKind.Object ? Seconds(kube, "warnafter") : null) is { } warn && warn < exp ? warn : exp;
            return new TokenClaims(
                DateTimeOffset.FromUnixTimeSeconds(iat),
                DateTimeOffset.FromUnixTimeSeconds(expires),
                Text(kube, "namespace"),
                Text(Child(kube, "serviceaccount"), "name"),
                Text(Child(kube, "pod"), "uid"),
                AudiencesOf(root));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static long? Seconds(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds) ? seconds : null;

    private static JsonElement Child(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    private static string? Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // "aud" is a string or a list of strings (RFC 7519).
    private static List<string> AudiencesOf(JsonElement root) => !root.TryGetProperty("aud", out var aud) ? [] : aud.ValueKind switch
    {
        JsonValueKind.String => [aud.GetString()!],
        JsonValueKind.Array => aud.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList(),
        _ => [],
    };
}
