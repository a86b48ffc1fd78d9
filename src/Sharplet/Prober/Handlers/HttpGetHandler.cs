using System.Net;
using Sharplet.Api;
using Sharplet.Util;
using Container = Sharplet.Api.Container;

namespace Sharplet.Prober.Handlers;

// HTTP GET against a container, for probes and lifecycle hooks (upstream probe/http and the lifecycle
// handler's client). Both follow redirects only while they stay on the same host, at most 10; certificates are
// not verified (the pod IP is in no certificate); no keep-alive, no compression; at most 10 KiB of body is read.
// They differ in what counts: a probe wants 200-399 (a 3xx it did not follow is a success with a warning),
// a hook only wants an answer, whatever its status.
internal sealed class HttpGetHandler : IDisposable
{
    public const string ProbeUserAgent = "kube-probe/1.33";
    public const string LifecycleUserAgent = "kube-lifecycle/1.33";

    private const int MaxBody = 10 * 1024;
    private const int MaxRedirects = 10;
    private readonly HttpMessageInvoker client;
    private readonly TimeProvider time;

    public HttpGetHandler(TimeProvider time)
    {
        this.time = time;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.Zero,

            // Probes reach into the pod by IP, which no certificate names; upstream skips verification too
            // (InsecureSkipVerify). The probe checks health, not identity.
#pragma warning disable CA5359
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
        };
        client = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public async Task<HandlerOutcome> ProbeAsync(HTTPGetAction action, Container container, string podIp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exchange = await GetAsync(action, container, podIp, ProbeUserAgent, timeout, cancellationToken).ConfigureAwait(false);
        if (exchange.Error is not null)
        {
            return exchange.Broken ? HandlerOutcome.Errored(exchange.Error) : HandlerOutcome.Failure(exchange.Error);
        }

        // The response body stays out of the failure message (upstream issue 99425): it may hold secrets.
        return exchange.Status switch
        {
            >= 200 and < 300 => HandlerOutcome.Success(exchange.Body),
            >= 300 and < 400 => HandlerOutcome.Warning($"Probe terminated redirects, Response body: {exchange.Body}"),
            _ => HandlerOutcome.Failure($"HTTP probe failed with statuscode: {exchange.Status}"),
        };
    }

    // Any HTTP answer satisfies a hook; only a request that got none fails it.
    public async Task<HandlerOutcome> HookAsync(HTTPGetAction action, Container container, string podIp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exchange = await GetAsync(action, container, podIp, LifecycleUserAgent, timeout, cancellationToken).ConfigureAwait(false);
        return exchange.Error is null ? HandlerOutcome.Success(exchange.Body) : HandlerOutcome.Failure(exchange.Error);
    }

    public void Dispose() => client.Dispose();

    internal static Uri BuildUri(HTTPGetAction action, Container container, string podIp)
    {
        var host = string.IsNullOrEmpty(action.Host) ? podIp : action.Host;
        var scheme = string.IsNullOrEmpty(action.Scheme) ? "http" : action.Scheme.ToLowerInvariant();
        var port = PortResolver.Resolve(action.Port, container);
        var path = action.Path ?? string.Empty;
        if (path.Length > 0 && path[0] != '/')
        {
            path = "/" + path;
        }

        return new Uri($"{scheme}://{GoNetErrors.JoinHostPort(host, port)}{path}");
    }

    private async Task<Exchange> GetAsync(
        HTTPGetAction action, Container container, string podIp, string userAgent, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Uri uri;
        try
        {
            uri = BuildUri(action, container, podIp);
        }
        catch (Exception ex) when (ex is PortResolutionException or UriFormatException)
        {
            return Exchange.Failed(ex.Message, broken: true);
        }

        // One deadline for the whole exchange, redirects and body included, as Go's Client.Timeout.
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Uri? referer = null;
        for (var redirects = 0; ; redirects++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = BuildRequest(uri, action.HttpHeaders, userAgent, referer);
                response = await client.SendAsync(request, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Exchange.Failed($"Get {GoQuote.Quote(uri.AbsoluteUri)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
            }
            catch (HttpRequestException ex)
            {
                return Exchange.Failed($"Get {GoQuote.Quote(uri.AbsoluteUri)}: {Describe(ex, uri)}");
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                // A header value the pod's spec allows but HTTP does not (a Host with a space): a failed probe,
                // never an exception out of the prober or a preStop that keeps the container from stopping.
                return Exchange.Failed($"Get {GoQuote.Quote(uri.AbsoluteUri)}: {ex.Message}");
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var location = response.Headers.TryGetValues("Location", out var values) ? values.FirstOrDefault() : null;
                if (status is 301 or 302 or 303 or 307 or 308 && !string.IsNullOrEmpty(location))
                {
                    if (!Uri.TryCreate(uri, location, out var next))
                    {
                        return Exchange.Failed($"Get {GoQuote.Quote(uri.AbsoluteUri)}: failed to parse Location header {GoQuote.Quote(location)}");
                    }

                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                    {
                        return Exchange.Failed($"Get {GoQuote.Quote(next.OriginalString)}: unsupported protocol scheme {GoQuote.Quote(next.Scheme)}");
                    }

                    // A redirect elsewhere is not followed: its own response is the answer (Go's ErrUseLastResponse).
                    if (string.Equals(next.Host, uri.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        if (redirects + 1 >= MaxRedirects)
                        {
                            return Exchange.Failed($"Get {GoQuote.Quote(location)}: stopped after {MaxRedirects} redirects");
                        }

                        referer = next.Scheme == Uri.UriSchemeHttp && uri.Scheme == Uri.UriSchemeHttps ? null : uri;
                        uri = next;
                        continue;
                    }
                }

                try
                {
                    return new Exchange(status, await ReadBodyAsync(response, linked.Token).ConfigureAwait(false), null, false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Upstream returns this one as an error, not a failure: the probe's verdict is thrown away.
                    return Exchange.Failed("context deadline exceeded (Client.Timeout or context cancellation while reading body)", broken: true);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    return Exchange.Failed(ex.Message, broken: true);
                }
            }
        }
    }

    // Headers as upstream's newProbeRequest sets them: the pod's headers (repeated names add up), a default
    // User-Agent and Accept unless given, an Accept given empty removes the header, a Host header sets the host.
    private static HttpRequestMessage BuildRequest(Uri uri, List<HTTPHeader>? headers, string userAgent, Uri? referer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version11 };
        var given = headers ?? [];
        foreach (var header in given)
        {
            if (string.Equals(header.Name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host ??= header.Value;
            }
            else if (!string.Equals(header.Name, "Accept", StringComparison.OrdinalIgnoreCase) || !string.IsNullOrEmpty(header.Value))
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
        }

        if (!given.Any(h => string.Equals(h.Name, "User-Agent", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }

        var accept = given.FirstOrDefault(h => string.Equals(h.Name, "Accept", StringComparison.OrdinalIgnoreCase));
        if (accept is null)
        {
            request.Headers.TryAddWithoutValidation("Accept", "*/*");
        }
        else if (string.IsNullOrEmpty(accept.Value))
        {
            request.Headers.Remove("Accept");
        }

        if (referer is not null)
        {
            request.Headers.Referrer = referer;
        }

        request.Headers.ConnectionClose = true;
        return request;
    }

    private static string Describe(HttpRequestException error, Uri uri)
    {
        var socket = GoNetErrors.FindSocketError(error);
        if (error.HttpRequestError == HttpRequestError.ConnectionError && socket is not null)
        {
            return GoNetErrors.Dial(GoNetErrors.JoinHostPort(uri.Host.Trim('[', ']'), uri.Port), socket);
        }

        if (socket is not null)
        {
            return $"read tcp {GoNetErrors.JoinHostPort(uri.Host.Trim('[', ']'), uri.Port)}: {GoNetErrors.Errno(socket)}";
        }

        return error.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded => "EOF",
            HttpRequestError.NameResolutionError => $"dial tcp: lookup {uri.Host}: no such host",
            _ => error.InnerException?.Message ?? error.Message,
        };
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

    // What one GET ended with: a status and body, or the error in Go's words. Broken marks errors upstream
    // returns as errors rather than failures (the probe could not be made, or its answer could not be read).
    private sealed record Exchange(int Status, string Body, string? Error, bool Broken)
    {
        public static Exchange Failed(string error, bool broken = false) => new(0, string.Empty, error, broken);
    }
}
