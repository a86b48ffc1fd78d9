using System.Diagnostics;

namespace Sharplet.IntegrationTests.Infrastructure;

// The real containerd that scripts/local-node starts. The tests fail (never skip) without it: CI must run them.
internal static class LocalNode
{
    public static string RuntimeEndpoint => Require("CONTAINER_RUNTIME_ENDPOINT");

    public static string Registry => Require("SHARPLET_LOCAL_REGISTRY");

    public static string StateDir => Require("SHARPLET_LOCAL_NODE_DIR");

    public const string BusyboxImage = "docker.io/library/busybox:latest";

    public static string RepoRoot
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "Sharplet.slnx")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("cannot find the repository root (Sharplet.slnx) above " + AppContext.BaseDirectory);
        }
    }

    // Runs scripts/local-node with a subcommand (e.g. restart-runtime) and fails the test with its output.
    public static async Task RunScriptAsync(string subcommand, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("bash", [Path.Combine(RepoRoot, "scripts", "local-node"), subcommand])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/local-node {subcommand} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. The integration tests drive the real containerd: run them with scripts/test, " +
                "or first eval \"$(scripts/local-node up)\" in this shell.");
}
