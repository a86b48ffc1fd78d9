using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Sharplet.Hosting;
using Sharplet.Server;
using Sharplet.TestSupport;
using Sharplet.Util;

namespace Sharplet.Tests.Server;

// tlsMinVersion and tlsCipherSuites on real handshakes against the kubelet server's Kestrel listener (in
// process, on a loopback port the kernel picks, with its self-signed serving certificate: ECDSA P-256, RSA 2048 when
// the configured suites are all RSA-authenticated).
public sealed class TlsHandshakeTests
{
    [Fact]
    public async Task MinVersionTls13_ClientOfferingOnlyTls12_IsRefused_ATls13ClientIsServed()
    {
        await using var server = await StartAsync(s => s.Server.TlsMinVersion = "VersionTLS13");

        var refused = await Should.ThrowAsync<Exception>(() => HandshakeAsync(server.Port, SslProtocols.Tls12));
        (refused is AuthenticationException or IOException).ShouldBeTrue(refused.ToString());

        var (protocol, _, response) = await HandshakeAsync(server.Port, SslProtocols.Tls13);
        protocol.ShouldBe(SslProtocols.Tls13);
        response.ShouldStartWith("HTTP/1.1 200", customMessage: response);
    }

    [Fact]
    public async Task DefaultMinVersion_AcceptsTls12()
    {
        await using var server = await StartAsync(_ => { });

        var (protocol, _, response) = await HandshakeAsync(server.Port, SslProtocols.Tls12);

        protocol.ShouldBe(SslProtocols.Tls12);
        response.ShouldStartWith("HTTP/1.1 200", customMessage: response);
    }

    [Fact]
    public async Task CipherSuites_OverTls12_OnlyTheConfiguredSuiteIsNegotiated_AClientWithoutItIsRefused()
    {
        await using var server = await StartAsync(s => s.Server.TlsCipherSuites = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]);

        // A client offering the usual suites (its preference is AES-256 first) gets the one configured.
        var (_, suite, response) = await HandshakeAsync(server.Port, SslProtocols.Tls12);
        suite.ShouldBe(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        response.ShouldStartWith("HTTP/1.1 200", customMessage: response);

        // One offering only another suite has nothing in common with the server.
        await Should.ThrowAsync<Exception>(() => HandshakeAsync(server.Port, SslProtocols.Tls12, [TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]));
    }

    [Fact]
    public async Task WithoutCipherSuites_TheClientsPreferredSuiteIsUsed()
    {
        await using var server = await StartAsync(_ => { });

        var (_, suite, _) = await HandshakeAsync(server.Port, SslProtocols.Tls12, [TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384]);

        suite.ShouldBe(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "the restriction above is the setting's doing, not the server's default");
    }

    [Fact]
    public async Task ServingCertificateStillInTheMaking_TheServerBindsOnlyOnceItIsThere_AndServesIt()
    {
        var core = FakeCore.Create(s =>
        {
            s.KubeletPort = 0;
            s.Server.Address = "127.0.0.1";
        }, kubeletServer: true);
        await using var _ = core;
        var made = new TaskCompletionSource<CertificateSource>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new KubeletServer(core.Get<KubeletServerOptions>(), core.Get<KubeletRouter>(), made.Task,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, Microsoft.Extensions.Logging.Abstractions.NullLogger<KubeletServer>.Instance);

        var start = server.StartAsync(CancellationToken.None);

        start.IsCompleted.ShouldBeFalse("the server must not listen without its certificate");
        server.BoundPort.ShouldBe(0);
        made.SetResult(await KubeletServerServices.ServingSource(core.Services, core.Get<KubeletServerOptions>(),
            Path.Combine(core.Root, "pki"), "fake-node", ["127.0.0.1"]));
        await start.WaitAsync(TimeSpan.FromSeconds(10));
        var (_, _, response) = await HandshakeAsync(server.BoundPort, SslProtocols.Tls12);
        response.ShouldStartWith("HTTP/1.1 200", customMessage: response);
        await server.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task UnreadableServingCertificate_FailsTheServerStart_NamingTheFiles_NotItsComposition()
    {
        var core = FakeCore.Create(s =>
        {
            s.KubeletPort = 0;
            s.Server.Address = "127.0.0.1";
            s.Server.TlsCertFile = Path.Combine(s.RootDir, "missing.crt");
            s.Server.TlsPrivateKeyFile = Path.Combine(s.RootDir, "missing.key");
        }, kubeletServer: true);
        await using var _ = core;

        // Resolving it (the host does so for every hosted service before the first starts) reads nothing yet.
        var server = core.Get<KubeletServer>();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => server.StartAsync(CancellationToken.None));
        error.Message.ShouldContain($"serving certificate {Path.Combine(core.Root, "root", "missing.crt")}");
        server.BoundPort.ShouldBe(0);
    }

    [Theory]
    [InlineData("VersionTLS14", null, "tlsMinVersion (--tls-min-version) \"VersionTLS14\"")]
    [InlineData(null, "TLS_RSA_WITH_RC4_128_MD5_MADE_UP", "tlsCipherSuites (--tls-cipher-suites): unknown cipher suite \"TLS_RSA_WITH_RC4_128_MD5_MADE_UP\"")]
    public void UnknownName_IsAConfigErrorNamingTheField(string? version, string? suite, string message)
    {
        var settings = new SharpletSettings();
        settings.Server.TlsMinVersion = version;
        settings.Server.TlsCipherSuites = suite is null ? [] : [suite];
        var node = new Sharplet.Pods.NodeContext("n", ["127.0.0.1"], new Dictionary<string, Sharplet.Api.Quantity>(StringComparer.Ordinal), 1L << 30,
            new Dictionary<string, string>(StringComparer.Ordinal));
        var facts = new Sharplet.Nodes.NodeFacts("n", ["127.0.0.1"], 1, 1L << 30, 1L << 30, "m", "u", "b", "6.1.0", "Linux", "amd64");

        // At composition, before anything listens or starts.
        var error = Should.Throw<ConfigException>(() => new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddKubeletServer(settings, node, facts));

        error.Message.ShouldContain(message);
    }

    private static async Task<RunningServer> StartAsync(Action<SharpletSettings> configure)
    {
        var core = FakeCore.Create(
            s =>
            {
                s.KubeletPort = 0;
                s.Server.Address = "127.0.0.1";
                configure(s);
            },
            kubeletServer: true);
        var server = core.Get<KubeletServer>();
        await server.StartAsync(CancellationToken.None);
        return new RunningServer(core, server);
    }

    // One handshake offering only these protocols (and suites), then GET /healthz over it.
    private static async Task<(SslProtocols Protocol, TlsCipherSuite Suite, string Response)> HandshakeAsync(
        int port, SslProtocols protocols, IReadOnlyList<TlsCipherSuite>? suites = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var tls = new SslStream(tcp.GetStream());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocols,
                CipherSuitesPolicy = suites is null ? null : new CipherSuitesPolicy(suites),
                ApplicationProtocols = [SslApplicationProtocol.Http11],

                // The node's self-signed serving certificate (CN=<node>@<time>, as upstream's), untrusted by design.
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.Subject.StartsWith("CN=fake-node@", StringComparison.Ordinal) == true,
            },
            timeout.Token);
        await tls.WriteAsync("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray(), timeout.Token);
        var buffer = new byte[4096];
        var read = await tls.ReadAsync(buffer, timeout.Token);
        return (tls.SslProtocol, tls.NegotiatedCipherSuite, Encoding.ASCII.GetString(buffer, 0, read));
    }

    private sealed class RunningServer(FakeCore core, KubeletServer server) : IAsyncDisposable
    {
        public int Port => server.BoundPort;

        public async ValueTask DisposeAsync()
        {
            await server.StopAsync(CancellationToken.None);
            await core.DisposeAsync();
        }
    }
}
