using Microsoft.AspNetCore.Http;

namespace Sharplet.Server;

// The metrics and stats paths, served by the Metrics and Stats side; Server only routes to them.
internal interface IKubeletMetricsEndpoints
{
    // Counts one request (kubelet_http_requests_total, kubelet_http_inflight_requests) until disposed.
    IDisposable Request(string method, string path, bool readOnly);

    Task MetricsAsync(HttpContext context);

    Task ProbesAsync(HttpContext context);

    Task ResourceAsync(HttpContext context);

    Task SummaryAsync(HttpContext context);
}
