using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sharplet.Server.Auth;

namespace Sharplet.Server;

// Every request to the kubelet port: authentication, authorization (upstream's InstallAuthFilter, with its
// 401/403/500 texts; nothing runs before both pass), then upstream's paths. The read-only port skips both and
// serves only the read-only paths.
internal sealed partial class KubeletRouter(
    string nodeName,
    RequestAuthenticator authenticator,
    IRequestAuthorizer authorizer,
    InfoEndpoints info,
    ContainerLogsEndpoint logs,
    StreamingEndpoints streaming,
    IKubeletMetricsEndpoints metrics,
    ILogger<KubeletRouter> logger)
{
    public async Task HandleAsync(HttpContext context, bool readOnly)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        using var inflight = metrics.Request(method, path, readOnly);
        try
        {
            if (readOnly)
            {
                if (!IsReadOnlyPath(path) || method is not ("GET" or "HEAD"))
                {
                    await NotFound(context).ConfigureAwait(false);
                    return;
                }
            }
            else if (!await AuthorizedAsync(context, path, method).ConfigureAwait(false))
            {
                return;
            }

            await DispatchAsync(context, path, method).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRequestFailed(logger, method, path, ex);
            if (!context.Response.HasStarted)
            {
                await Respond.TextAsync(context, 500, $"Internal Error: {ex.Message}").ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> AuthorizedAsync(HttpContext context, string path, string method)
    {
        var certificate = context.Connection.ClientCertificate;
        var authn = await authenticator.AuthenticateAsync(certificate, context.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, context.RequestAborted).ConfigureAwait(false);
        if (authn.User is not { } user)
        {
            if (authn.Error is not null)
            {
                LogUnauthenticated(logger, path, authn.Error);
            }

            await Respond.TextAsync(context, 401, "Unauthorized").ConfigureAwait(false);
            return false;
        }

        var attributes = RequestAttributes.For(method, path, nodeName);
        var decision = await authorizer.AuthorizeAsync(user, attributes, context.RequestAborted).ConfigureAwait(false);
        if (decision == AuthorizationDecision.Allow)
        {
            return true;
        }

        // Upstream names the last (most general) attributes it tried.
        var a = attributes[^1];
        var what = $"(user={user.Name}, verb={a.Verb}, resource={a.Resource}, subresource={a.Subresource})";
        if (decision == AuthorizationDecision.Error)
        {
            LogAuthorizationError(logger, what);
            await Respond.TextAsync(context, 500, $"Authorization error {what}").ConfigureAwait(false);
        }
        else
        {
            await Respond.TextAsync(context, 403, $"Forbidden {what}").ConfigureAwait(false);
        }

        return false;
    }

    private Task DispatchAsync(HttpContext context, string path, string method)
    {
        var get = method is "GET" or "HEAD";
        switch (path)
        {
            case "/healthz" or "/healthz/" or "/healthz/ping" or "/healthz/syncloop" when get:
                return info.HealthzAsync(context);
            case "/pods" or "/pods/" when get:
                return info.PodsAsync(context);
            case "/runningpods" or "/runningpods/" when get:
                return info.RunningPodsAsync(context);
            case "/configz" when get:
                return info.ConfigzAsync(context);
            case "/spec" or "/spec/" when get:
                return info.SpecAsync(context);
            case "/stats/summary" or "/stats/summary/" when get || method == "POST":
                return metrics.SummaryAsync(context);
            case "/metrics" when get:
                return metrics.MetricsAsync(context);
            case "/metrics/probes" when get:
                return metrics.ProbesAsync(context);
            case "/metrics/resource" when get:
                return metrics.ResourceAsync(context);
        }

        var segments = Segments(path, out var first);
        switch (first)
        {
            case "containerLogs" when get:
                return segments.Count == 3 && segments.All(s => s.Length > 0)
                    ? logs.ServeAsync(context, segments[0], segments[1], segments[2])
                    : MissingLogPart(context, segments);
            case "exec" when get || method == "POST":
                return streaming.ExecAsync(context, segments, attach: false);
            case "attach" when get || method == "POST":
                return streaming.ExecAsync(context, segments, attach: true);
            case "portForward" when get || method == "POST":
                return streaming.PortForwardAsync(context, segments);
            case "run" when method == "POST":
                return streaming.RunAsync(context, segments);
        }

        return NotFound(context);
    }

    // Upstream's texts for a containerLogs path with a part missing.
    private static Task MissingLogPart(HttpContext context, List<string> segments) => segments.Count switch
    {
        0 => Respond.TextAsync(context, 400, "{\"message\": \"Missing podNamespace.\"}"),
        1 => Respond.TextAsync(context, 400, "{\"message\": \"Missing podID.\"}"),
        2 => Respond.TextAsync(context, 400, "{\"message\": \"Missing container name.\"}"),
        _ => NotFound(context),
    };

    // The path's segments after the first, unescaped.
    private static List<string> Segments(string path, out string first)
    {
        var parts = path.TrimStart('/').Split('/');
        first = parts[0];
        var rest = parts.Skip(1).Select(Uri.UnescapeDataString).ToList();
        while (rest.Count > 0 && rest[^1].Length == 0)
        {
            rest.RemoveAt(rest.Count - 1);
        }

        return rest;
    }

    // Upstream's read-only server installs only the default handlers: no logs, exec or configz.
    public static bool IsReadOnlyPath(string path) =>
        path is "/healthz" or "/pods" or "/pods/" or "/spec" or "/spec/" or "/stats/summary" or "/metrics" or "/metrics/probes" or "/metrics/resource";

    private static Task NotFound(HttpContext context) => Respond.TextAsync(context, 404, "404 page not found\n");

    [LoggerMessage(Level = LogLevel.Information, Message = "Unauthenticated request to {Path}: {Error}")]
    private static partial void LogUnauthenticated(ILogger logger, string path, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Authorization error {What}")]
    private static partial void LogAuthorizationError(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kubelet server request {Method} {Path} failed")]
    private static partial void LogRequestFailed(ILogger logger, string method, string path, Exception exception);
}
