using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.KubeClient;
using Sharplet.KubeContainer;
using Sharplet.Nodes;
using Sharplet.Pleg;
using Sharplet.Pods;
using Sharplet.Server;
using Sharplet.Server.Auth;
using Sharplet.Server.Metrics;
using Sharplet.Statuses;
using Sharplet.Util;

namespace Sharplet.Hosting;

// The kubelet server on --port (and --read-only-port): its authenticator and authorizer (webhooks through the
// node's API client in connected mode), the endpoints and the metrics they serve.
internal static class KubeletServerServices
{
    public static IServiceCollection AddKubeletServer(this IServiceCollection services, SharpletSettings settings, NodeContext node, NodeFacts facts)
    {
        var options = settings.Server;
        options.Port = settings.KubeletPort;
        Validate(options);
        services.AddSingleton(options)
            .AddSingleton(sp => BuildAuthenticator(options, sp))
            .AddSingleton(sp => BuildAuthorizer(options, sp))
            .AddSingleton(sp => new InfoEndpoints(node.NodeName, sp.GetRequiredService<GenericPleg>(), sp.GetRequiredService<StatusManager>(),
                sp.GetRequiredService<RuntimePodReader>(),
                new MachineInfo(facts.Cpus, facts.MemoryBytes, facts.MachineId, facts.SystemUuid, facts.BootId, facts.KernelVersion, facts.OsImage),
                () => ConfigzJson.Write(settings)))
            // Logs for both listeners (this server and the control socket's `sharplet logs`).
            .AddSingleton<ContainerLogSource>()
            .AddSingleton<ContainerLogsEndpoint>()
            .AddSingleton<StreamingEndpoints>()
            .AddSingleton<MetricsEndpoints>()
            .AddSingleton<IKubeletMetricsEndpoints>(sp => sp.GetRequiredService<MetricsEndpoints>())
            .AddSingleton(sp => new KubeletRouter(node.NodeName, sp.GetRequiredService<RequestAuthenticator>(), sp.GetRequiredService<IRequestAuthorizer>(),
                sp.GetRequiredService<InfoEndpoints>(), sp.GetRequiredService<ContainerLogsEndpoint>(), sp.GetRequiredService<StreamingEndpoints>(),
                sp.GetRequiredService<IKubeletMetricsEndpoints>(), sp.GetRequiredService<ILogger<KubeletRouter>>()));
        if (options.Enabled)
        {
            services.AddSingleton(sp => new KubeletServer(options, sp.GetRequiredService<KubeletRouter>(),
                ServingSource(sp, options, settings.EffectiveCertDir, node.NodeName, facts.Addresses),
                sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<ILogger<KubeletServer>>()));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<KubeletServer>());
        }

        return services;
    }

    // serverTLSBootstrap's rotating certificate (CertificateServices), else the files or the self-signed pair.
    // Loaded on the thread pool from when the host resolves its services (before any starts): a first start makes
    // the self-signed pair's key (ECDSA P-256, or RSA 2048 for RSA-only tlsCipherSuites: ServingCertificate), work
    // that the loops and the first static pod need not wait for. Its errors surface from the server's start, as before.
    internal static Task<CertificateSource> ServingSource(IServiceProvider sp, KubeletServerOptions options, string certDir, string nodeName, IReadOnlyList<string> addresses)
    {
        if (sp.GetService<KubeletCertificates>()?.Serving is { } rotating)
        {
            return Task.FromResult(rotating);
        }

        var time = sp.GetRequiredService<TimeProvider>();
        return Task.Run(() => new CertificateSource(ServingCertificate.Load(options.TlsCertFile, options.TlsPrivateKeyFile, certDir, nodeName, addresses, options.TlsCipherSuites, time)));
    }

    private static RequestAuthenticator BuildAuthenticator(KubeletServerOptions options, IServiceProvider sp)
    {
        var time = sp.GetRequiredService<TimeProvider>();
        var x509 = string.IsNullOrEmpty(options.ClientCaFile) ? null : X509Authenticator.FromFile(options.ClientCaFile, time);
        var client = sp.GetService<KubeApiClient>();
        var tokens = options.WebhookAuthenticationEnabled
            ? new TokenAuthenticator(client is null ? null : new KubeReviewClient(client), options.WebhookAuthenticationCacheTtl, time)
            : null;
        return new RequestAuthenticator(x509, tokens, options.AnonymousEnabled);
    }

    private static IRequestAuthorizer BuildAuthorizer(KubeletServerOptions options, IServiceProvider sp)
    {
        if (options.AuthorizationMode == AuthorizationModes.AlwaysAllow)
        {
            return new AlwaysAllowAuthorizer();
        }

        var client = sp.GetService<KubeApiClient>();
        return new WebhookAuthorizer(client is null ? null : new KubeReviewClient(client), options.AuthorizedCacheTtl, options.UnauthorizedCacheTtl,
            sp.GetRequiredService<TimeProvider>());
    }

    // Upstream's checks of the same fields, so a typo stops the start with the field's name.
    private static void Validate(KubeletServerOptions options)
    {
        if (!AuthorizationModes.IsKnown(options.AuthorizationMode))
        {
            throw new ConfigException($"authorization.mode (--authorization-mode) \"{options.AuthorizationMode}\" is not AlwaysAllow or Webhook");
        }

        if (options.Port is < 0 or > 65535 || options.ReadOnlyPort is < 0 or > 65535)
        {
            throw new ConfigException($"port {options.Port} / readOnlyPort {options.ReadOnlyPort} must be between 0 and 65535");
        }

        try
        {
            TlsSettings.Protocols(options.TlsMinVersion);
            TlsSettings.CipherSuites(options.TlsCipherSuites);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigException(ex.Message);
        }

        if (!string.IsNullOrEmpty(options.ClientCaFile) && !File.Exists(options.ClientCaFile))
        {
            throw new ConfigException($"authentication.x509.clientCAFile (--client-ca-file) {options.ClientCaFile}: no such file");
        }
    }
}
