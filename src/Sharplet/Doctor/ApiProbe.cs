using System.Text.Json;
using Sharplet.KubeClient;

namespace Sharplet.Doctor;

/// <summary>Asks the API server once (GET /version) with the node's kubeconfig, shared by the API and clock checks.</summary>
internal sealed class ApiProbe(Func<KubeApiClient> client, TimeProvider time)
{
    private Task<ApiObservation>? observation;

    public Task<ApiObservation> ObserveAsync(CancellationToken cancellationToken) => observation ??= RunAsync(cancellationToken);

    private async Task<ApiObservation> RunAsync(CancellationToken cancellationToken)
    {
        KubeApiClient api;
        var before = time.GetUtcNow();
        try
        {
            api = client();
        }
        catch (KubeconfigException ex)
        {
            return new ApiObservation(null, ex.Message, null, null, null, null, before, before);
        }

        var server = api.Config.Cluster.Server;
        try
        {
            using var response = await api.SendAsync(new KubeRequest(HttpMethod.Get, "/version"), cancellationToken).ConfigureAwait(false);
            var after = time.GetUtcNow();
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new ApiObservation(server, null, (int)response.StatusCode, null, GitVersion(body), response.Headers.Date, before, after);
        }
        catch (KubeApiException ex)
        {
            return new ApiObservation(server, null, ex.Code, ex.Message, null, null, before, time.GetUtcNow());
        }
        catch (Exception ex) when (ex is KubeConnectionException or HttpRequestException or IOException or TimeoutException)
        {
            return new ApiObservation(server, null, null, ex.Message, null, null, before, time.GetUtcNow());
        }
    }

    private static string? GitVersion(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("gitVersion", out var v) ? v.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
