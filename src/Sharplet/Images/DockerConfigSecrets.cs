using System.Text;
using System.Text.Json;
using Sharplet.Api;

namespace Sharplet.Images;

// Upstream's MakeDockerKeyring for a pod's imagePullSecrets: a kubernetes.io/dockerconfigjson Secret's
// .dockerconfigjson ({"auths": {location: entry}}) or a kubernetes.io/dockercfg Secret's .dockercfg
// ({location: entry}); other types and empty keys are ignored. An entry's "auth" (base64 of user:password)
// takes precedence over its username and password. A Secret that does not parse fails the pull, naming it.
internal static class DockerConfigSecrets
{
    public const string DockerConfigJsonKey = ".dockerconfigjson";

    public const string DockerConfigKey = ".dockercfg";

    public static void AddTo(DockerKeyring keyring, Secret secret)
    {
        var source = $"{secret.Metadata?.Namespace}/{secret.Metadata?.Name}";
        JsonElement entries;
        if (secret.Type == SecretType.DockerConfigJson && secret.Data?.GetValueOrDefault(DockerConfigJsonKey) is { Length: > 0 } json)
        {
            using var document = Parse(json, source, DockerConfigJsonKey);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, DockerConfigJsonKey, "not a JSON object");
            }

            // A config without "auths" holds no credentials, as upstream's unmarshal into an empty map.
            if (!document.RootElement.TryGetProperty("auths", out entries) || entries.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            AddEntries(keyring, entries, source, DockerConfigJsonKey);
        }
        else if (secret.Type == SecretType.DockerConfig && secret.Data?.GetValueOrDefault(DockerConfigKey) is { Length: > 0 } cfg)
        {
            using var document = Parse(cfg, source, DockerConfigKey);
            AddEntries(keyring, document.RootElement, source, DockerConfigKey);
        }
    }

    private static void AddEntries(DockerKeyring keyring, JsonElement entries, string source, string key)
    {
        if (entries.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, key, "the registry entries are not a JSON object");
        }

        foreach (var entry in entries.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, key, $"entry \"{entry.Name}\" is not a JSON object");
            }

            var username = Text(entry.Value, "username", source, key);
            var password = Text(entry.Value, "password", source, key);
            var email = Text(entry.Value, "email", source, key);
            if (Text(entry.Value, "auth", source, key) is { Length: > 0 } auth)
            {
                (username, password) = DecodeAuth(auth, source, key, entry.Name);
            }

            keyring.Add(entry.Name, new RegistryCredential(username, password, email, source));
        }
    }

    // Padded base64 if it ends with '=', unpadded otherwise (as upstream), then "user:password".
    private static (string Username, string Password) DecodeAuth(string field, string source, string key, string location)
    {
        var text = field.Trim();
        var padded = text.EndsWith('=') ? text : text + new string('=', (4 - (text.Length % 4)) % 4);
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            throw Invalid(source, key, $"entry \"{location}\": auth is not base64");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? throw Invalid(source, key, $"entry \"{location}\": unable to parse auth field, must be formatted as base64(username:password)")
            : (decoded[..colon], decoded[(colon + 1)..]);
    }

    private static string Text(JsonElement entry, string name, string source, string key)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return string.Empty;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : throw Invalid(source, key, $"\"{name}\" is not a string");
    }

    private static JsonDocument Parse(byte[] json, string source, string key)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw Invalid(source, key, ex.Message);
        }
    }

    private static FormatException Invalid(string source, string key, string why) =>
        new($"image pull secret {source}: invalid {key}: {why}");
}
