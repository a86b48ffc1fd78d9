namespace Sharplet.Server;

// Upstream's kubelet authorization modes (authorization.mode, --authorization-mode).
internal static class AuthorizationModes
{
    public const string AlwaysAllow = "AlwaysAllow";

    public const string Webhook = "Webhook";

    public static bool IsKnown(string mode) => mode is AlwaysAllow or Webhook;
}
