using System.Text.Json;
using Sharplet.Api;
using Sharplet.Config;
using Sharplet.Pleg;
using Sharplet.Statuses;

namespace Sharplet.Server;

// The agent's paths, on upstream's kubelet server paths where it has them: /healthz on both listeners; on the
// control socket only, /pods (a v1 PodList with the statuses the node computed), /manifestProblems and
// /containerLogs/{namespace}/{pod}/{container}.
internal sealed class AgentRoutes(GenericPleg pleg, StatusManager statuses, ManifestProblems problems, ContainerLogSource logs)
{
    private const string ContainerLogsPrefix = "/containerLogs/";

    public Task HandleAsync(LocalRequest request, LocalResponse response, CancellationToken cancellationToken)
    {
        if (request.Method is not ("GET" or "HEAD"))
        {
            return response.TextAsync(405, $"method {request.Method} not allowed\n", cancellationToken);
        }

        if (request.Path == "/healthz")
        {
            // As upstream: "ok", or 500 naming the failing check (the PLEG).
            return pleg.IsHealthy(out var problem)
                ? response.TextAsync(200, "ok", cancellationToken)
                : response.TextAsync(500, $"[-]pleg failed: {problem}\nhealthz check failed", cancellationToken);
        }

        if (!request.ViaControlSocket)
        {
            return NotFound(request, response, cancellationToken);
        }

        if (request.Path == "/pods")
        {
            return response.WriteAsync(200, "application/json", KubeJson.SerializeToUtf8Bytes(PodListing.Of(statuses)), cancellationToken);
        }

        if (request.Path == "/manifestProblems")
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(problems.All().ToList(), KubeJson.TypeInfo<List<string>>(KubeJson.Lenient));
            return response.WriteAsync(200, "application/json", body, cancellationToken);
        }

        if (request.Path.StartsWith(ContainerLogsPrefix, StringComparison.Ordinal))
        {
            var segments = request.Path[ContainerLogsPrefix.Length..].Split('/').Select(Uri.UnescapeDataString).ToArray();
            if (segments.Length is 2 or 3 && segments.All(s => s.Length > 0))
            {
                return ServeLogAsync(request, response, segments[0], segments[1], segments.Length == 3 ? segments[2] : null, cancellationToken);
            }
        }

        return NotFound(request, response, cancellationToken);
    }

    private static Task NotFound(LocalRequest request, LocalResponse response, CancellationToken cancellationToken) =>
        response.TextAsync(404, $"no such path {request.Path}\n", cancellationToken);

    private async Task ServeLogAsync(LocalRequest request, LocalResponse response, string @namespace, string pod, string? container, CancellationToken cancellationToken)
    {
        var (options, _) = PodLogOptions.Parse(name => request[name]);
        if (options is null)
        {
            await response.TextAsync(400, "invalid log options in the query\n", cancellationToken).ConfigureAwait(false);
            return;
        }

        var log = await logs.FindAsync(@namespace, pod, container, options.Previous, cancellationToken).ConfigureAwait(false);
        if (log.Error is not null)
        {
            await response.TextAsync(log.Status, log.Error, cancellationToken).ConfigureAwait(false);
            return;
        }

        await response.StartAsync(200, "text/plain; charset=utf-8", cancellationToken).ConfigureAwait(false);
        await logs.CopyAsync(log, options, response.Body, cancellationToken).ConfigureAwait(false);
    }
}
