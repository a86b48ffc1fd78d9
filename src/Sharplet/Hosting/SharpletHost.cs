using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sharplet.Cri;
using Sharplet.Grpc;
using Sharplet.KubeClient;
using Sharplet.KubeRuntime;
using Sharplet.Nodes;
using Sharplet.Server;

namespace Sharplet.Hosting;

// Builds a runnable Sharplet: checks the runtime first (a clear error beats a node that half starts), then
// wires the subsystems and the two listeners (healthz on TCP, the control API on a root-only unix socket).
internal static class SharpletHost
{
    public static async Task<WebApplication> BuildAsync(SharpletSettings settings, Action<ILoggingBuilder> logging, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;

        // An unreadable kubeconfig fails before anything else is touched.
        var kubeconfig = string.IsNullOrEmpty(settings.Kubeconfig) ? null : KubeconfigLoader.Load(settings.Kubeconfig);
        var rootLock = RootDirLock.Acquire(settings.RootDir);
        var facts = NodeFacts.Read(settings.RootDir, settings.NodeIps);
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

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = settings.RootDir });
        builder.Logging.ClearProviders();
        logging(builder.Logging);
        var socket = ControlSocket.PathFor(settings.RootDir);
        if (File.Exists(socket))
        {
            // Left by a Sharplet that was killed (we hold the root dir's lock, so nobody listens on it).
            File.Delete(socket);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (settings.HealthzPort > 0)
            {
                kestrel.Listen(System.Net.IPAddress.Parse(settings.HealthzBindAddress), settings.HealthzPort, l => l.Protocols = HttpProtocols.Http1);
            }

            kestrel.ListenUnixSocket(socket, l => l.Protocols = HttpProtocols.Http1);
        });

        builder.Services.AddSingleton(rootLock);
        builder.Services.AddSharplet(settings, node, facts, cri, new RuntimeIdentity(version.Name, version.Version), time);
        if (kubeconfig is not null)
        {
            builder.Services.AddConnectedNode(settings, kubeconfig);
        }

        var app = builder.Build();
        if (kubeconfig is not null)
        {
            await JoinClusterAsync(app, cri, rootLock, cancellationToken).ConfigureAwait(false);
        }

        HealthzEndpoints.Map(app);
        ControlEndpoints.Map(app);
        app.Lifetime.ApplicationStarted.Register(() => File.SetUnixFileMode(socket, UnixFileMode.UserRead | UnixFileMode.UserWrite));
        return app;
    }

    // One registration attempt before anything starts: an untrusted server or a refused identity stops Sharplet
    // here with a NodeJoinException (the sharplet command exits 1), as a missing runtime does.
    private static async Task JoinClusterAsync(WebApplication app, CriConnection cri, RootDirLock rootLock, CancellationToken cancellationToken)
    {
        try
        {
            await ClusterJoin.StartAsync(app.Services, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            cri.Dispose();
            rootLock.Dispose();
            throw;
        }
    }
}
