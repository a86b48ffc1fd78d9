using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sharplet.Pleg;

namespace Sharplet.Server;

// /healthz as upstream serves it on 127.0.0.1:10248: "ok", or 500 naming the failing check (the PLEG).
internal static class HealthzEndpoints
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/healthz", (GenericPleg pleg) => pleg.IsHealthy(out var problem)
            ? Results.Text("ok")
            : Results.Text($"[-]pleg failed: {problem}\nhealthz check failed", statusCode: StatusCodes.Status500InternalServerError));
}
