using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.KubeClient;

/// <summary>
/// The kubelet's REST client for one API server and one identity. Every request passes the client-side token
/// bucket (kubeAPIQPS / kubeAPIBurst); 429s (and other answers carrying Retry-After) are retried after the
/// server's delay, 5xx answers to GETs a few times with backoff. Failures surface as
/// <see cref="KubeApiException"/> (the server said no) or <see cref="KubeConnectionException"/> (no answer).
/// Typed operations are in KubeApiClient.Operations.cs.
/// </summary>
internal sealed partial class KubeApiClient : IDisposable
{
    private const int MaxErrorBodyBytes = 64 * 1024;

    private readonly HttpClient http;
    private readonly KubeClientOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly TokenBucketRateLimiter limiter;
    private readonly BearerTokenSource tokens;
    private readonly ServerCertificateValidator validator;
    private readonly CertificateSource? clientCertificates;

    /// <param name="clientCertificates">
    /// A client certificate that rotates (TLS bootstrap, rotateCertificates): new connections present its current
    /// certificate, and those of a replaced one are closed after <see cref="KubeClientOptions.CertificateRotationDrain"/>.
    /// </param>
    public KubeApiClient(KubeConfig config, KubeClientOptions options, TimeProvider time, ILogger<KubeApiClient> logger, CertificateSource? clientCertificates = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        Config = config;
        this.options = options;
        this.time = time;
        this.logger = logger;
        limiter = new TokenBucketRateLimiter(options.Qps, options.Burst, time);
        tokens = new BearerTokenSource(config.User.Token, config.User.TokenFile, options.TokenFileRefreshPeriod, time);
        validator = new ServerCertificateValidator(config, time);
        this.clientCertificates = clientCertificates;
        HttpMessageHandler handler = clientCertificates is null
            ? KubeHttpHandlerFactory.Create(config, options, validator)
            : new RotatingClientHandler(clientCertificates, pair => KubeHttpHandlerFactory.Create(config, options, validator, pair), options.CertificateRotationDrain, time);
        http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = config.Cluster.Server,
            // Deadlines come from TimeProvider-driven tokens per request; watches must not be cut by HttpClient.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public KubeConfig Config { get; }

    public KubeClientOptions Options => options;

    public void Dispose() => http.Dispose();

    /// <summary>
    /// Sends a request until it succeeds or its retries run out. Returns the 2xx response with its body unread
    /// (the caller disposes it); throws for anything else.
    /// </summary>
    internal async Task<HttpResponseMessage> SendAsync(KubeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var retryAfterAttempts = 0;
        var serverErrorRetries = 0;
        while (true)
        {
            await limiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            var response = await SendOnceAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var code = (int)response.StatusCode;
            var retryAfter = RetryAfter(response);
            TimeSpan? delay = null;

            // A 429 (or Retry-After) is the server refusing before doing anything, so any verb may repeat it,
            // as client-go does. A plain 5xx may come after a write took effect: only reads are repeated then.
            if ((code == (int)HttpStatusCode.TooManyRequests || (retryAfter is not null && code >= 500)) && retryAfterAttempts < options.MaxRetryAfterAttempts)
            {
                retryAfterAttempts++;
                delay = Clamp(retryAfter ?? TimeSpan.FromSeconds(1));
            }
            else if (code >= 500 && request.IsIdempotentRead && serverErrorRetries < options.MaxServerErrorRetries)
            {
                delay = Clamp(retryAfter ?? new BackoffPolicy(options.ServerErrorRetryDelay, options.MaxRetryAfter).Delay(serverErrorRetries));
                serverErrorRetries++;
            }

            if (delay is not { } wait)
            {
                using (response)
                {
                    throw await ToApiExceptionAsync(request, response, cancellationToken).ConfigureAwait(false);
                }
            }

            response.Dispose();
            LogRetrying(logger, request.Method.Method, request.Path, code, wait.TotalMilliseconds);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How a 401/403 should name the identity: the kubeconfig user and what may be wrong with it.</summary>
    internal string DescribeIdentity()
    {
        var text = new StringBuilder($"as user \"{Config.User.Name}\" from {Config.Describe()}");
        if (ClientCertificateProblem() is { } problem)
        {
            text.Append("; ").Append(problem);
        }

        if (tokens.LastReadError is { } tokenError)
        {
            text.Append("; ").Append(tokenError);
        }

        return text.ToString();
    }

    /// <summary>An expired or not yet valid client certificate: servers reject it with 401 or in the TLS handshake.</summary>
    private string? ClientCertificateProblem()
    {
        if ((clientCertificates?.Current?.Certificate ?? Config.User.ClientCertificate) is not { } certificate)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        return notAfter < now
            ? string.Create(CultureInfo.InvariantCulture, $"its client certificate expired at {notAfter:yyyy-MM-dd HH:mm:ss}Z")
            : notBefore > now
                ? string.Create(CultureInfo.InvariantCulture, $"its client certificate is not valid before {notBefore:yyyy-MM-dd HH:mm:ss}Z")
                : null;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(KubeRequest request, CancellationToken cancellationToken)
    {
        // HTTP/2 where the server offers it (as client-go does): PINGs then watch over a silent connection.
        // DefaultRequestVersion does not apply to messages built by hand, hence the explicit version here.
        using var message = new HttpRequestMessage(request.Method, request.Path + request.Query)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        if (request.Body is { } body)
        {
            message.Content = new ReadOnlyMemoryContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? "application/json");
        }

        if (tokens.GetToken() is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (Config.Cluster.TlsServerName is { } serverName)
        {
            // SocketsHttpHandler takes the TLS name (SNI and certificate check) from the Host header.
            message.Headers.Host = serverName;
        }

        try
        {
            return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw ToConnectionException(ex);
        }
    }

    private KubeConnectionException ToConnectionException(HttpRequestException ex)
    {
        var server = Config.Cluster.Server;
        var where = $"cluster \"{Config.Cluster.Name}\" in {Config.Describe()}";
        if (ex.HttpRequestError == HttpRequestError.SecureConnectionError || ex.InnerException is AuthenticationException)
        {
            var why = validator.LastFailure ?? ex.InnerException?.Message ?? ex.Message;

            // The server's certificate was fine, so the server may have refused ours during the handshake.
            if (validator.LastFailure is null && ClientCertificateProblem() is { } problem)
            {
                why = $"{why.TrimEnd('.')} (user \"{Config.User.Name}\" from {Config.Describe()}: {problem})";
            }

            return new KubeConnectionException($"TLS with the API server {server} failed: {why.TrimEnd('.')}.", server, isTlsFailure: true, ex);
        }

        var cause = ex.InnerException is SocketException socket ? socket.Message : ex.Message;
        return new KubeConnectionException($"Cannot reach the API server {server} ({where}): {cause.TrimEnd('.')}.", server, isTlsFailure: false, ex);
    }

    private async Task<KubeApiException> ToApiExceptionAsync(KubeRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        var body = await ReadPrefixAsync(response, cancellationToken).ConfigureAwait(false);
        var status = TryParseStatus(body) ?? new Api.Status
        {
            Result = StatusResult.Failure,
            Message = body.Length > 0 ? Encoding.UTF8.GetString(body).Trim() : response.ReasonPhrase,
        };
        status.Code ??= code;
        status.Reason ??= ReasonFor(response.StatusCode);
        var detail = code is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden ? DescribeIdentity() : null;
        return new KubeApiException(status, request.Method.Method, request.Path, detail);
    }

    private static async Task<byte[]> ReadPrefixAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return buffer[..total];
        }
    }

    private static Api.Status? TryParseStatus(byte[] body)
    {
        try
        {
            var status = KubeJson.Deserialize<Api.Status>(body, KubeJson.Lenient);
            return status is { Kind: "Status" } ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ReasonFor(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest => StatusReason.BadRequest,
        HttpStatusCode.Unauthorized => StatusReason.Unauthorized,
        HttpStatusCode.Forbidden => StatusReason.Forbidden,
        HttpStatusCode.NotFound => StatusReason.NotFound,
        HttpStatusCode.MethodNotAllowed => StatusReason.MethodNotAllowed,
        HttpStatusCode.Conflict => StatusReason.Conflict,
        HttpStatusCode.Gone => StatusReason.Gone,
        HttpStatusCode.UnprocessableEntity => StatusReason.Invalid,
        HttpStatusCode.TooManyRequests => StatusReason.TooManyRequests,
        HttpStatusCode.ServiceUnavailable => StatusReason.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout => StatusReason.Timeout,
        >= HttpStatusCode.InternalServerError => StatusReason.InternalError,
        _ => code.ToString(),
    };

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > options.MaxRetryAfter ? options.MaxRetryAfter : delay;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} got {Code}; retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string method, string path, int code, double delayMs);
}
