using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Certificate;
using Sharplet.KubeClient;
using Sharplet.Nodes;
using Sharplet.Pods;
using Sharplet.Util;

namespace Sharplet.Hosting;

// The kubelet's certificates from the API (upstream's pkg/kubelet/certificate wiring in app/server.go): TLS
// bootstrap before the kubeconfig is read, then one certificate manager per rotated identity.
internal static class CertificateServices
{
    public const string ServingPairPrefix = "kubelet-server";

    /// <summary>--bootstrap-kubeconfig: makes sure --kubeconfig holds a valid client certificate, requesting one if not.</summary>
    public static async Task BootstrapAsync(SharpletSettings settings, Action<ILoggingBuilder> logging, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(settings.BootstrapKubeconfig))
        {
            return;
        }

        if (string.IsNullOrEmpty(settings.Kubeconfig))
        {
            throw new ConfigException("--bootstrap-kubeconfig needs --kubeconfig: the kubeconfig that TLS bootstrap writes and the node then uses");
        }

        var nodeName = NodeIdentity.NodeName(settings);
        using var loggers = LoggerFactory.Create(logging);
        var clients = new List<KubeApiClient>();
        try
        {
            await ClientBootstrap.EnsureAsync(
                new BootstrapRequest(settings.Kubeconfig, settings.BootstrapKubeconfig, settings.EffectiveCertDir, nodeName),
                config =>
                {
                    var client = new KubeApiClient(config, new KubeClientOptions { UserAgent = $"sharplet/{KubeletVersion.Value} (bootstrap)" }, time, loggers.CreateLogger<KubeApiClient>());
                    clients.Add(client);
                    return new KubeCsrApi(client);
                },
                time,
                loggers.CreateLogger(typeof(ClientBootstrap).FullName!),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CertificateRequestException or TimeoutException or KubeApiException or KubeConnectionException)
        {
            throw new NodeJoinException($"TLS bootstrap of node {nodeName} with the bootstrap kubeconfig {settings.BootstrapKubeconfig} failed: {ex.Message}", ex);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// rotateCertificates: the client certificate in a <see cref="CertificateSource"/> the API client reads, renewed
    /// by a manager (the store's kubelet-client-current.pem wins over the kubeconfig's certificate, as upstream).
    /// serverTLSBootstrap: the :10250 certificate from the kubelet-serving signer, for the node name and IPs.
    /// </summary>
    public static IServiceCollection AddKubeletCertificates(this IServiceCollection services, SharpletSettings settings, KubeConfig? kubeconfig, NodeContext node, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(node);
        CertificateSource? client = null;
        CertificateSource? serving = null;
        var now = time.GetUtcNow();
        if (kubeconfig is not null && settings.EffectiveRotateCertificates && kubeconfig.User.ClientCertificate is { } certificate)
        {
            var store = new CertificateFileStore(ClientBootstrap.PairPrefix, settings.EffectiveCertDir);
            var initial = Unexpired(store.Current(out _), now) ?? new CertificatePair(certificate, kubeconfig.User.ClientCertificateChain);
            client = new CertificateSource(initial.Certificate, initial.Chain);
            AddManager(services, new CertificateManagerOptions("client", CsrTemplate.Client(node.NodeName)), store, client);
        }

        if (kubeconfig is not null && settings.ServerTlsBootstrap && settings.Server.Enabled)
        {
            var store = new CertificateFileStore(ServingPairPrefix, settings.EffectiveCertDir, settings.Server.TlsCertFile, settings.Server.TlsPrivateKeyFile);
            var initial = Unexpired(store.Current(out _), now);
            serving = new CertificateSource(initial?.Certificate, initial?.Chain);
            var ips = node.HostIps.Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>();
            AddManager(services, new CertificateManagerOptions("serving", CsrTemplate.Serving(node.NodeName, [node.NodeName], ips)), store, serving);
        }

        return services.AddSingleton(new KubeletCertificates(client, serving));
    }

    private static CertificatePair? Unexpired(CertificatePair? pair, DateTimeOffset now) =>
        pair is not null && PemCertificate.NotAfter(pair.Certificate) > now ? pair : null;

    private static void AddManager(IServiceCollection services, CertificateManagerOptions options, CertificateFileStore store, CertificateSource source) =>
        services.AddSingleton<IHostedService>(sp => new CertificateManager(
            options, store, source, new KubeCsrApi(sp.GetRequiredService<KubeApiClient>()), sp.GetRequiredService<TimeProvider>(), Random.Shared,
            sp.GetRequiredService<ILogger<CertificateManager>>()));
}
