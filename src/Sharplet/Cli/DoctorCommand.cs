using System.CommandLine;
using Sharplet.Doctor;
using Sharplet.Hosting;
using Sharplet.Util;

namespace Sharplet.Cli;

// `sharplet doctor [agent flags]`: checks the node the agent would run on, each with a verdict and a fix; exit 1
// when something is broken, 2 for bad flags.
internal static class DoctorCommand
{
    public static Command Create()
    {
        var options = new AgentOptions();
        var output = new Option<string?>("--output", "-o") { Description = "json: the results for machines" };
        output.AcceptOnlyFromAmong("json");
        var cniConfDir = new Option<string?>("--cni-conf-dir") { Description = "CNI config directory to check (default: the runtime's, else /etc/cni/net.d)" };
        var cniBinDir = new Option<string?>("--cni-bin-dir") { Description = "CNI plugin directory to check (default: the runtime's, else /opt/cni/bin)" };
        var command = new Command("doctor",
            "Check the node: runtime socket and CRI version, runtime and network readiness, CNI, cgroups, swap, kernel modules and sysctls, " +
            "API server, certificates, clock skew, disk and inodes, node lease, static pod manifests. Takes the agent's flags (and --config).");
        options.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(cniConfDir);
        command.Options.Add(cniBinDir);
        command.SetAction(async (result, cancellationToken) =>
        {
            SharpletSettings settings;
            try
            {
                settings = options.Resolve(result, out _);
            }
            catch (ConfigException ex)
            {
                await Console.Error.WriteLineAsync($"sharplet doctor: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            var results = await RunAsync(settings, result.GetValue(cniConfDir), result.GetValue(cniBinDir), cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteAsync(result.GetValue(output) == "json" ? DoctorReport.Json(results) : DoctorReport.Text(results)).ConfigureAwait(false);
            return DoctorRunner.Healthy(results) ? 0 : 1;
        });
        return command;
    }

    public static async Task<IReadOnlyList<CheckResult>> RunAsync(SharpletSettings settings, string? cniConfDir, string? cniBinDir, CancellationToken cancellationToken)
    {
        using var checks = new DoctorChecks(settings, cniConfDir, cniBinDir, TimeProvider.System);
        return await DoctorRunner.RunAsync(checks.Checks, TimeProvider.System, cancellationToken).ConfigureAwait(false);
    }
}
