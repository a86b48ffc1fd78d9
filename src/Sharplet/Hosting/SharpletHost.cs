using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sharplet.Cri;
using Sharplet.Grpc;
using Sharplet.KubeClient;
using Sharplet.KubeContainer;
using Sharplet.Nodes;
using Sharplet.Server;

namespace Sharplet.Hosting;

// Builds a runnable Sharplet: checks the runtime first (a clear error beats a node that half starts), then
// wires the subsystems and the two listeners (healthz on TCP, the control API on a root-only unix socket).
internal static class SharpletHost
{
    public static Task<IHost> BuildAsync(SharpletSettings settings, Action<ILoggingBuilder> logging, CancellationToken cancellationToken) =>
        BuildAsync(settings, logging, static _ => { }, cancellationToken);

    // `services` runs after every registration, just before the host is built: the bench's seam to wrap the runtime
    // client (it times the runtime's own share of a start report) without a second way of wiring Sharplet.
    public static async Task<IHost> BuildAsync(SharpletSettings settings, Action<ILoggingBuilder> logging, Action<IServiceCollection> services,
        CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;

        // TLS bootstrap first (--bootstrap-kubeconfig): it may write the kubeconfig read next.
        await CertificateServices.BootstrapAsync(settings, logging, time, cancellationToken).ConfigureAwait(false);

        // An unreadable kubeconfig fails before anything else is touched.
        var kubeconfig = string.IsNullOrEmpty(settings.Kubeconfig) ? null : KubeconfigLoader.Load(settings.Kubeconfig);
        var rootLock = RootDirLock.Acquire(settings.RootDir);
        var facts = NodeFacts.Read(settings.RootDir, settings.NodeIps);
        if (!settings.LocalStorageCapacityIsolation)
        {
            facts = facts with { EphemeralStorageBytes = null };
        }

        var node = NodeIdentity.Build(settings, facts);
        var cri = new CriConnection(settings.ContainerRuntimeEndpoint, settings.ImageServiceEndpoint, new GrpcChannelOptions(),
            new CriTimeouts { Request = settings.RuntimeRequestTimeout }, time);
        RuntimeVersionInfo version;
        try
        {
            version = await CriHandshake.ConnectAsync(cri.Runtime, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            cri.Dispose();
            rootLock.Dispose();
            throw;
        }

        // The empty builder: no configuration files, environment binding or default log providers; the settings
        // come from flags and the config file only, as upstream's.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = settings.RootDir });
        logging(builder.Logging);
        var endpoints = new List<EndPoint>();
        if (settings.HealthzPort > 0)
        {
            endpoints.Add(new IPEndPoint(IPAddress.Parse(settings.HealthzBindAddress), settings.HealthzPort));
        }

        endpoints.Add(new UnixDomainSocketEndPoint(ControlSocket.PathFor(settings.RootDir)));
        builder.Services.AddSingleton(rootLock);
        builder.Services.AddSingleton<IHostLifetime, SignalLifetime>();
        builder.Services.AddSharplet(settings, node, facts, cri, new RuntimeIdentity(version.Name, version.Version), time);
        builder.Services.AddKubeletCertificates(settings, kubeconfig, node, time);
        if (kubeconfig is not null)
        {
            builder.Services.AddConnectedNode(settings, kubeconfig);
        }

        // Last, so they start after the loops they report on; the control socket before the kubelet server, whose
        // start may wait for a first self-signed certificate (KubeletServerServices.ServingSource) that `sharplet
        // pods` and healthz need not wait for.
        builder.Services.AddSingleton<AgentRoutes>();
        builder.Services.AddSingleton<IHostedService>(sp => new LocalHttpServer(
            endpoints, sp.GetRequiredService<AgentRoutes>().HandleAsync, sp.GetRequiredService<ILogger<LocalHttpServer>>()));
        builder.Services.AddKubeletServer(settings, node, facts);
        services(builder.Services);

        var app = builder.Build();
        try
        {
            CgroupServices.Start(app.Services);
        }
        catch
        {
            await DisposeAsync(app).ConfigureAwait(false);
            cri.Dispose();
            rootLock.Dispose();
            throw;
        }

        if (kubeconfig is not null)
        {
            await JoinClusterAsync(app, cri, rootLock, cancellationToken).ConfigureAwait(false);
        }

        return app;
    }

    // One registration attempt before anything starts: an untrusted server or a refused identity stops Sharplet
    // here with a NodeJoinException (the sharplet command exits 1), as a missing runtime does.
    private static async Task JoinClusterAsync(IHost app, CriConnection cri, RootDirLock rootLock, CancellationToken cancellationToken)
    {
        try
        {
            await ClusterJoin.StartAsync(app.Services, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisposeAsync(app).ConfigureAwait(false);
            cri.Dispose();
            rootLock.Dispose();
            throw;
        }
    }

    // The host built here is async-disposable (its services are); IHost only promises IDisposable.
    public static ValueTask DisposeAsync(IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host is IAsyncDisposable async)
        {
            return async.DisposeAsync();
        }

        host.Dispose();
        return ValueTask.CompletedTask;
    }
}
