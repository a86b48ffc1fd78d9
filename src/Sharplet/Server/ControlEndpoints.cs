using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sharplet.Api;
using Sharplet.Config;
using Sharplet.Statuses;

namespace Sharplet.Server;

// The control API on the unix socket, on upstream's kubelet server paths: /pods (a v1 PodList with the
// statuses the node computed) and /containerLogs/{namespace}/{pod}/{container}; plus the manifest problems.
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.LocalIpAddress is not null
                ? Results.NotFound()
                : await next(context).ConfigureAwait(false));

        group.MapGet("/pods", IResult (StatusManager statuses) =>
        {
            var list = new PodList
            {
                ApiVersion = "v1",
                Kind = "PodList",
                Metadata = new ListMeta(),
                Items = statuses.All()
                    .OrderBy(e => e.Pod.Metadata?.Namespace, StringComparer.Ordinal)
                    .ThenBy(e => e.Pod.Metadata?.Name, StringComparer.Ordinal)
                    .Select(WithStatus)
                    .ToList(),
            };
            return Results.Bytes(KubeJson.SerializeToUtf8Bytes(list), "application/json");
        });

        group.MapGet("/manifestProblems", IResult (ManifestProblems problems) =>
            Results.Bytes(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(problems.All().ToList(), KubeJson.TypeInfo<List<string>>(KubeJson.Lenient)),
                "application/json"));

        group.MapGet("/containerLogs/{namespace}/{pod}/{container?}", ContainerLogs.ServeAsync);
    }

    private static Pod WithStatus(PodStatusEntry entry) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = entry.Pod.Metadata,
        Spec = entry.Pod.Spec,
        Status = entry.Status,
    };
}
