using System.Diagnostics;

namespace Sharplet.IntegrationTests.Server;

// The machine's own kubectl (/usr/bin/kubectl) against a test API server, with a deadline that names what ran.
internal sealed class Kubectl(string kubeconfig)
{
    public static string Binary => File.Exists("/usr/bin/kubectl") ? "/usr/bin/kubectl" : "kubectl";

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? stdin, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.Environment["KUBECONFIG"] = kubeconfig;
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return await RunProcessAsync(psi, stdin, timeout, $"kubectl {string.Join(' ', args)}");
    }

    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(null, TimeSpan.FromSeconds(60), args);

    // Succeeds or throws with kubectl's own words.
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        return code == 0 ? stdout : throw new InvalidOperationException($"kubectl {string.Join(' ', args)} exited {code}: {stderr}{stdout}");
    }

    // Under a pseudo-terminal (util-linux script), for -t: kubectl refuses a TTY when stdin is not one.
    public Task<(int ExitCode, string Stdout, string Stderr)> RunInTerminalAsync(TimeSpan timeout, params string[] args)
    {
        var line = string.Join(' ', new[] { Binary }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var psi = new ProcessStartInfo("script", ["-qefc", line, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        psi.Environment["KUBECONFIG"] = kubeconfig;
        return RunProcessAsync(psi, null, timeout, $"script kubectl {string.Join(' ', args)}");
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunProcessAsync(ProcessStartInfo psi, string? stdin, TimeSpan timeout, string what)
    {
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish within {timeout.TotalSeconds:0} s; output so far: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
