using System.CommandLine;

namespace Sharplet.Cli;

public static class SharpletCommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand(
            "Sharplet: a Kubernetes node agent (kubelet). Runs the pods of --pod-manifest-path (and, with --kubeconfig, those the API " +
            "server binds to this node) through a CRI runtime. Flags are upstream kubelet's.");
        AgentCommand.Configure(root);
        root.Subcommands.Add(ClientCommands.Pods());
        root.Subcommands.Add(ClientCommands.Logs());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(CleanupCommand.Create());
        // The agent handles SIGTERM and SIGINT itself (Hosting/SignalLifetime: one log line, an orderly stop, exit 0);
        // System.CommandLine's handler would force exit code 143/130 after 2 s. The client commands end on the
        // signal's default action.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
