namespace Sharplet.Server;

// The kubelet server's settings (upstream's address, port, readOnlyPort, TLS and authentication/authorization
// fields). Two sets of defaults, as upstream: the command line's legacy ones (anonymous on, no webhook,
// AlwaysAllow) and a KubeletConfiguration v1beta1 file's (anonymous off, webhook on, authorization Webhook).
internal sealed class KubeletServerOptions
{
    public bool Enabled { get; set; } = true;

    public string Address { get; set; } = "0.0.0.0";

    public int Port { get; set; } = 10250;

    // Upstream's legacy flag default is 10255; Sharplet keeps the unauthenticated port off unless it is set.
    public int ReadOnlyPort { get; set; }

    public string? TlsCertFile { get; set; }

    public string? TlsPrivateKeyFile { get; set; }

    // Where the self-signed serving certificate is written when no TLS files are given (null: <root-dir>/pki).
    public string? CertDir { get; set; }

    // Go's names: VersionTLS10 .. VersionTLS13; null is Go's default (TLS 1.2).
    public string? TlsMinVersion { get; set; }

    // IANA names as Go's crypto/tls spells them (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); empty is the platform's.
    public List<string> TlsCipherSuites { get; set; } = [];

    public string? ClientCaFile { get; set; }

    public bool AnonymousEnabled { get; set; } = true;

    public bool WebhookAuthenticationEnabled { get; set; }

    public TimeSpan WebhookAuthenticationCacheTtl { get; set; } = TimeSpan.FromMinutes(2);

    public string AuthorizationMode { get; set; } = AuthorizationModes.AlwaysAllow;

    public TimeSpan AuthorizedCacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan UnauthorizedCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    // The defaults SetDefaults_KubeletConfiguration gives a config file's fields.
    public static KubeletServerOptions ConfigFileDefaults() => new()
    {
        AnonymousEnabled = false,
        WebhookAuthenticationEnabled = true,
        AuthorizationMode = AuthorizationModes.Webhook,
    };
}
