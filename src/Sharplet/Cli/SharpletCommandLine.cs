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
        return root.Parse(args).InvokeAsync();
    }
}
