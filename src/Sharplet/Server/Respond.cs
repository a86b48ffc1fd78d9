using Microsoft.AspNetCore.Http;

namespace Sharplet.Server;

// Plain answers as go-restful's WriteErrorString writes them (status, the text, no JSON wrapping).
internal static class Respond
{
    public static Task TextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    public static Task JsonAsync(HttpContext context, ReadOnlyMemory<byte> json)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }
}
