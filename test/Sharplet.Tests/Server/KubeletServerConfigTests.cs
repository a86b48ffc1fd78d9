using System.CommandLine;
using Sharplet.Cli;
using Sharplet.Hosting;
using Sharplet.Server;
using Sharplet.Util;

namespace Sharplet.Tests.Server;

// The kubelet server's settings from flags and the config file, with upstream's two sets of defaults.
public sealed class KubeletServerConfigTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("sharplet-server-config-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static SharpletSettings Resolve(params string[] args)
    {
        var options = new AgentOptions();
        var root = new RootCommand();
        options.AddTo(root);
        var result = root.Parse(args);
        result.Errors.ShouldBeEmpty();
        return options.Resolve(result, out _);
    }

    private string Config(string body)
    {
        var path = Path.Combine(dir, "kubelet.yaml");
        File.WriteAllText(path, "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n" + body);
        return path;
    }

    [Fact]
    public void NoConfigFile_HasTheFlagsLegacyDefaults()
    {
        var s = Resolve().Server;

        (s.Enabled, s.Address, s.ReadOnlyPort, s.AnonymousEnabled, s.WebhookAuthenticationEnabled, s.AuthorizationMode)
            .ShouldBe((true, "0.0.0.0", 0, true, false, AuthorizationModes.AlwaysAllow));
    }

    [Fact]
    public void ConfigFile_HasV1beta1Defaults()
    {
        var s = Resolve("--config", Config("port: 10250\n")).Server;

        (s.AnonymousEnabled, s.WebhookAuthenticationEnabled, s.WebhookAuthenticationCacheTtl, s.AuthorizationMode, s.AuthorizedCacheTtl, s.UnauthorizedCacheTtl)
            .ShouldBe((false, true, TimeSpan.FromMinutes(2), AuthorizationModes.Webhook, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void ConfigFileFields_AreRead_AndFlagsWin()
    {
        var path = Config("""
            address: 127.0.0.1
            readOnlyPort: 10255
            tlsCertFile: /etc/k/tls.crt
            tlsPrivateKeyFile: /etc/k/tls.key
            tlsMinVersion: VersionTLS13
            tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
            authentication:
              x509: {clientCAFile: /etc/k/ca.crt}
              webhook: {enabled: false, cacheTTL: 10s}
              anonymous: {enabled: true}
            authorization:
              mode: AlwaysAllow
              webhook: {cacheAuthorizedTTL: 1m, cacheUnauthorizedTTL: 5s}
            """);
        var s = Resolve("--config", path, "--authorization-mode", "Webhook", "--read-only-port", "0").Server;

        (s.Address, s.ReadOnlyPort, s.TlsCertFile, s.TlsPrivateKeyFile, s.TlsMinVersion, s.TlsCipherSuites.Single(), s.ClientCaFile)
            .ShouldBe(("127.0.0.1", 0, "/etc/k/tls.crt", "/etc/k/tls.key", "VersionTLS13", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "/etc/k/ca.crt"));
        (s.WebhookAuthenticationEnabled, s.WebhookAuthenticationCacheTtl, s.AnonymousEnabled, s.AuthorizationMode, s.AuthorizedCacheTtl, s.UnauthorizedCacheTtl)
            .ShouldBe((false, TimeSpan.FromSeconds(10), true, AuthorizationModes.Webhook, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Flags_SetEveryServerField()
    {
        var s = Resolve("--address", "10.0.0.1", "--port", "11250", "--anonymous-auth=false", "--authentication-token-webhook", "--client-ca-file", "/ca",
            "--authentication-token-webhook-cache-ttl", "1m", "--authorization-webhook-cache-authorized-ttl", "2m", "--authorization-webhook-cache-unauthorized-ttl", "3s",
            "--tls-cert-file", "/c", "--tls-private-key-file", "/k", "--cert-dir", "/pki", "--tls-min-version", "VersionTLS12",
            "--tls-cipher-suites", "TLS_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384").Server;

        (s.Address, s.AnonymousEnabled, s.WebhookAuthenticationEnabled, s.ClientCaFile, s.WebhookAuthenticationCacheTtl, s.AuthorizedCacheTtl, s.UnauthorizedCacheTtl)
            .ShouldBe(("10.0.0.1", false, true, "/ca", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(3)));
        (s.TlsCertFile, s.TlsPrivateKeyFile, s.CertDir, s.TlsMinVersion, s.TlsCipherSuites.Count).ShouldBe(("/c", "/k", "/pki", "VersionTLS12", 2));
    }

    [Theory]
    [InlineData("authentication:\n  oidc: {}\n", "authentication.oidc")]
    [InlineData("authentication:\n  webhook: {enable: true}\n", "authentication.webhook.enable")]
    [InlineData("authorization:\n  webhook: {ttl: 1s}\n", "authorization.webhook.ttl")]
    public void UnknownAuthField_IsAnErrorNamingIt(string body, string field)
    {
        Should.Throw<ConfigException>(() => Resolve("--config", Config(body))).Message.ShouldContain(field);
    }

    [Theory]
    [InlineData("VersionTLS14")]
    [InlineData("tls12")]
    public void UnknownTlsVersion_IsAnErrorNamingIt(string version)
    {
        Should.Throw<InvalidOperationException>(() => TlsSettings.Protocols(version)).Message.ShouldContain(version);
    }

    [Fact]
    public void UnknownCipherSuite_IsAnErrorNamingIt()
    {
        Should.Throw<InvalidOperationException>(() => TlsSettings.CipherSuites(["TLS_MADE_UP"])).Message.ShouldContain("TLS_MADE_UP");
        TlsSettings.CipherSuites([]).ShouldBeNull();
    }
}
