using Sharplet.Api;

namespace Sharplet.Pods;

// ConfigMaps and Secrets a pod refers to. Standalone (static pods only) there is no API to read them from:
// upstream forbids such references in static pods, and the standalone source answers with that reason.
internal interface IPodObjectSource
{
    Task<ConfigMap?> GetConfigMapAsync(string @namespace, string name, CancellationToken cancellationToken);

    Task<Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken);

    // Null when references can be resolved; otherwise why they never can be (e.g. no API server).
    string? UnavailableReason { get; }
}
