using System.Text.Json;
using System.Text.Json.Nodes;
using Sharplet.Server;
using Sharplet.Util;

namespace Sharplet.Hosting;

// The authentication and authorization blocks of a KubeletConfiguration. A field upstream does not have is an
// error naming it, as at the top level.
internal static class ServerAuthConfig
{
    public static void ApplyAuthentication(KubeletServerOptions o, JsonObject block)
    {
        foreach (var (name, value) in block)
        {
            if (value is null)
            {
                continue;
            }

            switch (name)
            {
                case "x509":
                    Each(value, "authentication.x509", (field, v) => field == "clientCAFile" ? Set(() => o.ClientCaFile = v.GetValue<string>()) : false);
                    break;
                case "webhook":
                    Each(value, "authentication.webhook", (field, v) => field switch
                    {
                        "enabled" => Set(() => o.WebhookAuthenticationEnabled = Bool(v)),
                        "cacheTTL" => Set(() => o.WebhookAuthenticationCacheTtl = GoDuration.Parse(v.ToString())),
                        _ => false,
                    });
                    break;
                case "anonymous":
                    Each(value, "authentication.anonymous", (field, v) => field == "enabled" ? Set(() => o.AnonymousEnabled = Bool(v)) : false);
                    break;
                default:
                    throw new FormatException($"unknown field \"authentication.{name}\"");
            }
        }
    }

    public static void ApplyAuthorization(KubeletServerOptions o, JsonObject block)
    {
        foreach (var (name, value) in block)
        {
            if (value is null)
            {
                continue;
            }

            switch (name)
            {
                case "mode":
                    o.AuthorizationMode = value.GetValue<string>();
                    break;
                case "webhook":
                    Each(value, "authorization.webhook", (field, v) => field switch
                    {
                        "cacheAuthorizedTTL" => Set(() => o.AuthorizedCacheTtl = GoDuration.Parse(v.ToString())),
                        "cacheUnauthorizedTTL" => Set(() => o.UnauthorizedCacheTtl = GoDuration.Parse(v.ToString())),
                        _ => false,
                    });
                    break;
                default:
                    throw new FormatException($"unknown field \"authorization.{name}\"");
            }
        }
    }

    private static void Each(JsonNode block, string prefix, Func<string, JsonNode, bool> apply)
    {
        foreach (var (field, v) in block.AsObject())
        {
            if (v is not null && !apply(field, v))
            {
                throw new FormatException($"unknown field \"{prefix}.{field}\"");
            }
        }
    }

    private static bool Set(Action apply)
    {
        apply();
        return true;
    }

    private static bool Bool(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"{value.ToJsonString()} is not true or false"),
    };
}
