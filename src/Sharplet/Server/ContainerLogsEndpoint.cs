using Microsoft.AspNetCore.Http;

namespace Sharplet.Server;

// GET /containerLogs/{namespace}/{pod}/{container} as upstream's getContainerLogs: PodLogOptions from the
// query, 404 for a pod or container the node does not have, upstream's texts for a container without the
// asked-for log, then the CRI log streamed as lines arrive (the request's token is Kestrel's RequestAborted).
internal sealed class ContainerLogsEndpoint(ContainerLogSource logs)
{
    public async Task ServeAsync(HttpContext context, string @namespace, string podName, string container)
    {
        var ct = context.RequestAborted;
        var (options, error) = PodLogOptions.Parse(context.Request.Query);
        if (options is null)
        {
            await Respond.TextAsync(context, error == PodLogOptions.ParseError.Decode ? 400 : 422,
                error == PodLogOptions.ParseError.Decode ? "{\"message\": \"Unable to decode query.\"}" : "{\"message\": \"Invalid request.\"}").ConfigureAwait(false);
            return;
        }

        var log = await logs.FindAsync(@namespace, podName, container, options.Previous, ct).ConfigureAwait(false);
        if (log.Error is not null)
        {
            await Respond.TextAsync(context, log.Status, log.Error).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.StartAsync(ct).ConfigureAwait(false);
        await logs.CopyAsync(log, options, context.Response.Body, ct).ConfigureAwait(false);
    }
}
