using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sharplet.KubeClient;

namespace Sharplet.Nodes;

// The start of connected mode, before any loop runs: says where Sharplet joins and as whom, then makes the one
// registration attempt whose permanent refusal stops the start (NodeJoinException).
internal static partial class ClusterJoin
{
    public static async Task StartAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var config = services.GetRequiredService<KubeApiClient>().Config;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterJoin).FullName!);
        var node = services.GetRequiredService<NodeDescription>().Name;
        var kubeconfig = config.Describe();
        LogJoining(logger, node, config.Cluster.Server, config.User.Name, kubeconfig);
        await services.GetRequiredService<NodeRegistration>().StartupAttemptAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Joining the cluster at {Server} as node {Node} (user \"{User}\" from {Kubeconfig})")]
    private static partial void LogJoining(ILogger logger, string node, Uri server, string user, string kubeconfig);
}
