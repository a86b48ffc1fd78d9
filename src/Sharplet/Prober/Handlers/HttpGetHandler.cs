using System.Net;
using System.Net.Http.Headers;
using Sharplet.Api;
using Container = Sharplet.Api.Container;

namespace Sharplet.Prober.Handlers;

// An HTTP GET against the container (upstream prober/http): 200-399 is success; redirects are followed only to
// the same host (a redirect elsewhere counts as success with a warning, as upstream does); certificates are
// not verified for HTTPS; the first 10 KiB of the body is kept for the event.
internal sealed class HttpGetHandler : IDisposable
{
    private const int MaxBody = 10 * 1024;
    private const int MaxRedirects = 10;
    private readonly HttpMessageInvoker client;

    public HttpGetHandler()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.Zero,

            // Probes reach into the pod by IP, which no certificate names; upstream's prober skips verification
            // too (InsecureSkipVerify). The probe checks liveness, not identity.
#pragma warning disable CA5359
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        };
        client = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public static string UserAgent { get; } = "kube-probe/1.33";

    public async Task<HandlerOutcome> RunAsync(HTTPGetAction action, Container container, string podIp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Uri uri;
        try
        {
            uri = BuildUri(action, container, podIp);
        }
        catch (Exception ex) when (ex is InvalidOperationException or UriFormatException)
        {
            return HandlerOutcome.Failure(ex.Message);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.UserAgent.ParseAdd(UserAgent);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
                foreach (var header in action.HttpHeaders ?? [])
                {
                    if (string.Equals(header.Name, "Host", StringComparison.OrdinalIgnoreCase))
                    {
                        request.Headers.Host = header.Value;
                    }
                    else
                    {
                        request.Headers.Remove(header.Name);
                        request.Headers.TryAddWithoutValidation(header.Name, header.Value);
                    }
                }

                using var response = await client.SendAsync(request, cts.Token).ConfigureAwait(false);
                var code = (int)response.StatusCode;
                if (code is >= 300 and < 400 && response.Headers.Location is { } location && hop < MaxRedirects)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(uri, location);
                    if (!string.Equals(next.Host, uri.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        return HandlerOutcome.Success($"Probe terminated redirects, Response body: (redirect to another host {next.Host})");
                    }

                    uri = next;
                    continue;
                }

                var body = await ReadBodyAsync(response, cts.Token).ConfigureAwait(false);
                return code is >= 200 and < 400
                    ? HandlerOutcome.Success(body)
                    : HandlerOutcome.Failure($"HTTP probe failed with statuscode: {code}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HandlerOutcome.Failure($"Get \"{uri}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException ex)
        {
            return HandlerOutcome.Failure($"Get \"{uri}\": {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    public void Dispose() => client.Dispose();

    internal static Uri BuildUri(HTTPGetAction action, Container container, string podIp)
    {
        var host = string.IsNullOrEmpty(action.Host) ? podIp : action.Host;
        if (IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            host = $"[{host}]";
        }

        var scheme = string.Equals(action.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
        var port = PortResolver.Resolve(action.Port, container);
        var path = string.IsNullOrEmpty(action.Path) ? "/" : action.Path.StartsWith('/') ? action.Path : "/" + action.Path;
        return new Uri($"{scheme}://{host}:{port}{path}");
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBody];
            var read = await stream.ReadAtLeastAsync(buffer, MaxBody, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
    }
}
