using System.Diagnostics;

namespace Sharplet.IntegrationTests.Infrastructure;

// Runs a program to its end (within a deadline) and keeps its exit code and output, for the tests that drive
// the project's scripts and Debian's tools.
internal static class Command
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {limit.TotalSeconds}s");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    public static async Task<string> OkAsync(string file, params string[] args)
    {
        var (code, output) = await RunAsync(file, args);
        code.ShouldBe(0, $"{file} {string.Join(' ', args)}: {output}");
        return output;
    }
}
