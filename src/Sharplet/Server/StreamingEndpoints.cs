using Microsoft.AspNetCore.Http;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Grpc.Core;
using Sharplet.KubeContainer;
using Sharplet.Statuses;

namespace Sharplet.Server;

// /exec, /attach, /portForward and /run as upstream's server: the pod and container from the path
// ({namespace}/{pod}[/{uid}]/{container}), the streams from the query (input, output, error, tty = "1";
// command repeated), a CRI Exec/Attach/PortForward for the streaming URL, and the upgraded connection proxied
// there. /run executes synchronously (ExecSync) and answers the combined output.
internal sealed class StreamingEndpoints(StatusManager statuses, IRuntimeService runtime, RuntimePodReader reader)
{
    public async Task ExecAsync(HttpContext context, IReadOnlyList<string> segments, bool attach)
    {
        if (!TryPodAndContainer(segments, out var ns, out var podName, out var uid, out var containerName))
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        var tty = query["tty"] == "1";
        var stdin = query["input"] == "1";
        var stdout = query["output"] == "1";
        var stderr = query["error"] == "1" && !tty;
        if (!stdin && !stdout && !stderr)
        {
            await Respond.TextAsync(context, 400, "you must specify at least 1 of stdin, stdout, stderr").ConfigureAwait(false);
            return;
        }

        var command = query["command"].Where(c => c is not null).Select(c => c!).ToList();
        if (!attach && command.Count == 0)
        {
            await Respond.TextAsync(context, 400, "you must specify a command").ConfigureAwait(false);
            return;
        }

        var (id, problem) = FindContainer(ns, podName, uid, containerName);
        if (id is null)
        {
            await Respond.TextAsync(context, 404, problem!).ConfigureAwait(false);
            return;
        }

        string url;
        try
        {
            if (attach)
            {
                url = await runtime.AttachAsync(new AttachRequest { ContainerId = id, Stdin = stdin, Stdout = stdout, Stderr = stderr, Tty = tty }, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                var request = new ExecRequest { ContainerId = id, Stdin = stdin, Stdout = stdout, Stderr = stderr, Tty = tty };
                request.Cmd.AddRange(command);
                url = await runtime.ExecAsync(request, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (RpcException ex)
        {
            await WriteCriError(context, ex).ConfigureAwait(false);
            return;
        }

        await StreamingProxy.ProxyAsync(context, new Uri(url)).ConfigureAwait(false);
    }

    public async Task PortForwardAsync(HttpContext context, IReadOnlyList<string> segments)
    {
        if (segments.Count is not (2 or 3) || segments.Any(s => s.Length == 0))
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        var (ns, podName) = (segments[0], segments[1]);
        var entry = FindPod(ns, podName);
        if (entry is null)
        {
            await Respond.TextAsync(context, 404, $"pod \"{podName}\" does not exist in namespace \"{ns}\"").ConfigureAwait(false);
            return;
        }

        var ports = new List<int>();
        foreach (var p in context.Request.Query["port"])
        {
            if (!int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                await Respond.TextAsync(context, 400, $"invalid port \"{p}\"").ConfigureAwait(false);
                return;
            }

            ports.Add(port);
        }

        var podUid = entry.Pod.Metadata!.Uid!;
        var status = await reader.ReadPodAsync(podUid, context.RequestAborted).ConfigureAwait(false);
        var sandbox = status.Sandboxes.FirstOrDefault(s => s.Ready) ?? status.LatestSandbox;
        if (sandbox is null)
        {
            await Respond.TextAsync(context, 404, $"pod \"{podName}\" in namespace \"{ns}\" has no sandbox").ConfigureAwait(false);
            return;
        }

        string url;
        try
        {
            var request = new PortForwardRequest { PodSandboxId = sandbox.Id };
            request.Port.AddRange(ports);
            url = await runtime.PortForwardAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            await WriteCriError(context, ex).ConfigureAwait(false);
            return;
        }

        await StreamingProxy.ProxyAsync(context, new Uri(url)).ConfigureAwait(false);
    }

    // POST /run/{namespace}/{pod}[/{uid}]/{container}?cmd=...: the command's output (stdout then stderr).
    public async Task RunAsync(HttpContext context, IReadOnlyList<string> segments)
    {
        if (!TryPodAndContainer(segments, out var ns, out var podName, out var uid, out var containerName))
        {
            await NotFound(context).ConfigureAwait(false);
            return;
        }

        var cmd = (context.Request.Query["cmd"].ToString() ?? string.Empty).Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var (id, problem) = FindContainer(ns, podName, uid, containerName);
        if (id is null)
        {
            await Respond.TextAsync(context, 404, problem!).ConfigureAwait(false);
            return;
        }

        ExecSyncResponse result;
        try
        {
            result = await runtime.ExecSyncAsync(id, cmd, TimeSpan.Zero, context.RequestAborted).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            await WriteCriError(context, ex).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.Body.WriteAsync(result.Stdout.Memory, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.WriteAsync(result.Stderr.Memory, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool TryPodAndContainer(IReadOnlyList<string> segments, out string ns, out string pod, out string? uid, out string container)
    {
        (ns, pod, uid, container) = (string.Empty, string.Empty, null, string.Empty);
        if (segments.Count is not (3 or 4) || segments.Any(s => s.Length == 0))
        {
            return false;
        }

        (ns, pod, container) = (segments[0], segments[1], segments[^1]);
        uid = segments.Count == 4 ? segments[2] : null;
        return true;
    }

    private PodStatusEntry? FindPod(string ns, string podName) =>
        statuses.All().FirstOrDefault(e => e.Pod.Metadata?.Namespace == ns && e.Pod.Metadata?.Name == podName);

    // The running container of that name (upstream's findContainer over the runtime's pods).
    private (string? Id, string? Problem) FindContainer(string ns, string podName, string? uid, string containerName)
    {
        var entry = FindPod(ns, podName);
        if (entry is null || (uid is not null && entry.Pod.Metadata?.Uid != uid))
        {
            return (null, $"pod \"{podName}\" does not exist in namespace \"{ns}\"");
        }

        var cs = (entry.Status.ContainerStatuses ?? []).Concat(entry.Status.InitContainerStatuses ?? []).Concat(entry.Status.EphemeralContainerStatuses ?? [])
            .FirstOrDefault(c => c.Name == containerName);
        if (cs?.State?.Running is null || string.IsNullOrEmpty(cs.ContainerID))
        {
            return (null, $"container not found (\"{containerName}\") in pod \"{podName}\" in namespace \"{ns}\"");
        }

        var id = cs.ContainerID;
        var sep = id.IndexOf("://", StringComparison.Ordinal);
        return (sep >= 0 ? id[(sep + 3)..] : id, null);
    }

    // Upstream's streaming.WriteError: the gRPC code picks the HTTP status.
    private static Task WriteCriError(HttpContext context, RpcException ex) => Respond.TextAsync(context, ex.StatusCode switch
    {
        StatusCode.NotFound => 404,
        StatusCode.InvalidArgument => 400,
        StatusCode.Unavailable => 503,
        StatusCode.DeadlineExceeded => 504,
        _ => 500,
    }, ex.Message);

    private static Task NotFound(HttpContext context) => Respond.TextAsync(context, 404, "404 page not found\n");
}
