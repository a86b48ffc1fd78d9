using System.CommandLine;
using Sharplet.Cri;
using Sharplet.Grpc;
using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Cli;

// `sharplet cleanup`: what an uninstall runs once the agent is stopped (scripts/local-node down does): stops and
// removes the root dir's pods in the runtime, and removes their cgroups, mounts and log directories and the
// root dir. Exit 0 when nothing is left (also when there was nothing), 1 with one line per leftover.
internal static class CleanupCommand
{
    public static Command Create()
    {
        var rootDir = new Option<string>("--root-dir") { Description = "root dir of the stopped agent (default /var/lib/sharplet)", DefaultValueFactory = _ => "/var/lib/sharplet" };
        var podLogsDir = new Option<string>("--pod-logs-dir") { Description = "where its pods' logs are (podLogsDir, default /var/log/pods)", DefaultValueFactory = _ => "/var/log/pods" };
        var endpoint = new Option<string>("--container-runtime-endpoint") { Description = "CRI runtime socket whose pods of this root dir are stopped (default unix:///run/containerd/containerd.sock)", DefaultValueFactory = _ => "unix:///run/containerd/containerd.sock" };
        var cgroupRoot = new Option<string>("--cgroup-root") { Description = "the agent's --cgroup-root (default /)", DefaultValueFactory = _ => "/" };
        var command = new Command("cleanup", "Remove what a stopped Sharplet left: its pods (stopped in the runtime), their cgroups, mounts and logs, and its root dir")
        {
            rootDir, podLogsDir, endpoint, cgroupRoot,
        };
        command.SetAction(async (result, ct) =>
        {
            var root = result.GetValue(rootDir)!;
            CriConnection? cri = null;
            try
            {
                if (Directory.Exists(root))
                {
                    cri = await ConnectAsync(result.GetValue(endpoint)!, ct).ConfigureAwait(false);
                }

                var cleanup = new NodeCleanup(root, result.GetValue(podLogsDir)!, result.GetValue(cgroupRoot)!, cri?.Runtime, line => Console.Out.WriteLine($"cleanup: {line}"));
                var problems = await cleanup.RunAsync(ct).ConfigureAwait(false);
                foreach (var problem in problems)
                {
                    await Console.Error.WriteLineAsync($"sharplet cleanup: left behind: {problem}").ConfigureAwait(false);
                }

                return problems.Count == 0 ? 0 : 1;
            }
            catch (ConfigException ex)
            {
                await Console.Error.WriteLineAsync($"sharplet cleanup: {ex.Message}; stop it first").ConfigureAwait(false);
                return 1;
            }
            finally
            {
                cri?.Dispose();
            }
        });
        return command;
    }

    // A runtime that does not answer is no reason to leave the files: its pods are reported and the rest goes on.
    private static async Task<CriConnection?> ConnectAsync(string endpoint, CancellationToken cancellationToken)
    {
        var cri = new CriConnection(endpoint, null, new GrpcChannelOptions(), new CriTimeouts { Request = TimeSpan.FromSeconds(60) }, TimeProvider.System);
        try
        {
            await CriHandshake.ConnectAsync(cri.Runtime, cancellationToken).ConfigureAwait(false);
            return cri;
        }
        catch (CriConnectException ex)
        {
            cri.Dispose();
            await Console.Error.WriteLineAsync($"sharplet cleanup: warning: {ex.Message}; pods still running in it are not stopped").ConfigureAwait(false);
            return null;
        }
    }
}
