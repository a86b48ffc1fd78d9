using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sharplet.Hosting;
using Sharplet.KubeContainer;
using Sharplet.Pods;

namespace Sharplet.Cli;

internal static partial class StartupLog
{
    public static void Started(ILogger logger, SharpletSettings settings, IServiceProvider services, IReadOnlyList<string> ignored)
    {
        var node = services.GetRequiredService<NodeContext>();
        var runtime = services.GetRequiredService<RuntimeIdentity>();
        var addresses = string.Join(',', node.HostIps);
        LogStarting(logger, node.NodeName, addresses, runtime.Name, runtime.Version, settings.ContainerRuntimeEndpoint,
            settings.StaticPodPath ?? "(none)", settings.RootDir, settings.HealthzPort);
        if (ignored.Count > 0)
        {
            var fields = string.Join(", ", ignored);
            LogIgnored(logger, settings.ConfigFile ?? string.Empty, fields);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sharplet starting: node {Node} ({Addresses}), runtime {Runtime} {RuntimeVersion} at {Endpoint}, static pods from {StaticPodPath}, root dir {RootDir}, healthz port {HealthzPort}")]
    private static partial void LogStarting(ILogger logger, string node, string addresses, string runtime, string runtimeVersion, string endpoint, string staticPodPath, string rootDir, int healthzPort);

    [LoggerMessage(Level = LogLevel.Warning, Message = "config file {File}: these upstream fields have no effect in Sharplet and were ignored: {Fields}")]
    private static partial void LogIgnored(ILogger logger, string file, string fields);
}
