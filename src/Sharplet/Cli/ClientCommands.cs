using System.CommandLine;
using System.Text.Json;
using Sharplet.Api;

namespace Sharplet.Cli;

// `sharplet pods` and `sharplet logs`: read the running agent through its control socket.
internal static class ClientCommands
{
    private const string DefaultRootDir = "/var/lib/sharplet";

    public static Command Pods()
    {
        var rootDir = RootDirOption();
        var output = new Option<string?>("--output", "-o") { Description = "wide or json (a v1 PodList)" };
        output.AcceptOnlyFromAmong("wide", "json");
        var command = new Command("pods", "List the pods of the running agent: name, ready, status, restarts, age, IP") { rootDir, output };
        command.SetAction(async (result, ct) => await Guard(async () =>
        {
            using var client = new ControlClient(result.GetValue(rootDir)!);
            using var response = await client.GetAsync("/pods", ct).ConfigureAwait(false);
            var json = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (result.GetValue(output) == "json")
            {
                Console.Out.WriteLine(json);
                return 0;
            }

            var list = KubeJson.Deserialize<PodList>(json, KubeJson.Lenient);
            var pods = list?.Items ?? [];
            Console.Out.Write(pods.Count == 0 ? "No pods.\n" : PodTable.Render(pods, result.GetValue(output) == "wide", DateTimeOffset.UtcNow));
            using var problemsResponse = await client.GetAsync("/manifestProblems", ct).ConfigureAwait(false);
            var problems = JsonSerializer.Deserialize(await problemsResponse.Content.ReadAsStringAsync(ct).ConfigureAwait(false),
                KubeJson.TypeInfo<List<string>>(KubeJson.Lenient)) ?? [];
            if (problems.Count > 0)
            {
                Console.Out.WriteLine();
                Console.Out.WriteLine("Rejected manifests:");
                foreach (var problem in problems)
                {
                    Console.Out.WriteLine("  " + problem);
                }
            }

            return 0;
        }).ConfigureAwait(false));
        return command;
    }

    public static Command Logs()
    {
        var rootDir = RootDirOption();
        var pod = new Argument<string>("POD") { Description = "pod name (static pods carry the node name as a suffix)" };
        var container = new Option<string?>("--container", "-c") { Description = "container name (needed when the pod has several)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "keep printing until the container stops" };
        var tail = new Option<int?>("--tail") { Description = "print only the last N lines" };
        var previous = new Option<bool>("--previous", "-p") { Description = "the previous instance of the container" };
        var ns = new Option<string>("--namespace", "-n") { Description = "the pod's namespace", DefaultValueFactory = _ => "default" };
        var command = new Command("logs", "Print a container's log from the running agent") { pod, rootDir, container, follow, tail, previous, ns };
        command.SetAction(async (result, ct) => await Guard(async () =>
        {
            using var client = new ControlClient(result.GetValue(rootDir)!);
            var path = $"/containerLogs/{Uri.EscapeDataString(result.GetValue(ns)!)}/{Uri.EscapeDataString(result.GetValue(pod)!)}";
            if (result.GetValue(container) is { } c)
            {
                path += "/" + Uri.EscapeDataString(c);
            }

            var query = new List<string>();
            if (result.GetValue(follow))
            {
                query.Add("follow=true");
            }

            if (result.GetValue(previous))
            {
                query.Add("previous=true");
            }

            if (result.GetValue(tail) is { } n)
            {
                query.Add($"tailLines={n}");
            }

            if (query.Count > 0)
            {
                path += "?" + string.Join('&', query);
            }

            using var response = await client.GetAsync(path, ct).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var stdout = Console.OpenStandardOutput();
                await stream.CopyToAsync(stdout, ct).ConfigureAwait(false);
            }

            return 0;
        }).ConfigureAwait(false));
        return command;
    }

    private static Option<string> RootDirOption() =>
        new("--root-dir") { Description = "root dir of the agent to ask (default /var/lib/sharplet)", DefaultValueFactory = _ => DefaultRootDir };

    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (ControlException ex)
        {
            await Console.Error.WriteLineAsync($"sharplet: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }
}
