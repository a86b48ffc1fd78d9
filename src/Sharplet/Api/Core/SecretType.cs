namespace Sharplet.Api;

/// <summary>core/v1 SecretType values.</summary>
internal static class SecretType
{
    public const string Opaque = "Opaque";

    public const string ServiceAccountToken = "kubernetes.io/service-account-token";

    public const string DockerConfig = "kubernetes.io/dockercfg";

    public const string DockerConfigJson = "kubernetes.io/dockerconfigjson";

    public const string BasicAuth = "kubernetes.io/basic-auth";

    public const string SshAuth = "kubernetes.io/ssh-auth";

    public const string Tls = "kubernetes.io/tls";

    public const string BootstrapToken = "bootstrap.kubernetes.io/token";
}
