namespace Sharplet.IntegrationTests.Infrastructure;

// What the fault proxy does to one request instead of (or before) forwarding it: answer with a status code
// (and Retry-After), or wait before forwarding.
internal sealed record ProxyFault(int? StatusCode = null, TimeSpan? RetryAfter = null, TimeSpan? Latency = null)
{
    public static ProxyFault Status(int code, TimeSpan? retryAfter = null) => new(code, retryAfter);

    public static ProxyFault Delay(TimeSpan latency) => new(Latency: latency);
}
