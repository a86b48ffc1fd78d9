using System.Text.Json;
using Sharplet.Api;
using Sharplet.Config;
using Sharplet.Cri;
using Sharplet.KubeContainer;
using Sharplet.Pleg;
using Sharplet.Statuses;

namespace Sharplet.Server;

// The agent's paths, on upstream's kubelet server paths where it has them: /healthz on both listeners; on the
// control socket only, /pods (a v1 PodList with the statuses the node computed), /manifestProblems and
// /containerLogs/{namespace}/{pod}/{container}.
internal sealed class AgentRoutes(
    GenericPleg pleg, StatusManager statuses, ManifestProblems problems, RuntimePodReader reader, IRuntimeService runtime, TimeProvider time)
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
            return response.WriteAsync(200, "application/json", KubeJson.SerializeToUtf8Bytes(PodList()), cancellationToken);
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
                return ContainerLogs.ServeAsync(
                    request, response, segments[0], segments[1], segments.Length == 3 ? segments[2] : null, statuses, reader, runtime, time, cancellationToken);
            }
        }

        return NotFound(request, response, cancellationToken);
    }

    private static Task NotFound(LocalRequest request, LocalResponse response, CancellationToken cancellationToken) =>
        response.TextAsync(404, $"no such path {request.Path}\n", cancellationToken);

    private PodList PodList() => new()
    {
        ApiVersion = "v1",
        Kind = "PodList",
        Metadata = new ListMeta(),
        Items = statuses.All()
            .OrderBy(e => e.Pod.Metadata?.Namespace, StringComparer.Ordinal)
            .ThenBy(e => e.Pod.Metadata?.Name, StringComparer.Ordinal)
            .Select(e => new Pod { ApiVersion = "v1", Kind = "Pod", Metadata = e.Pod.Metadata, Spec = e.Pod.Spec, Status = e.Status })
            .ToList(),
    };
}
