using Grpc.Core;
using Sharplet.Cri;

namespace Sharplet.Doctor;

/// <summary>Asks the runtime once (Version, then verbose Status) and shares the answer with every check that needs it.</summary>
internal sealed class CriProbe(string endpoint, IRuntimeService runtime)
{
    private Task<CriObservation>? observation;

    public Task<CriObservation> ObserveAsync(CancellationToken cancellationToken) => observation ??= RunAsync(cancellationToken);

    private async Task<CriObservation> RunAsync(CancellationToken cancellationToken)
    {
        var path = endpoint.StartsWith("unix://", StringComparison.Ordinal) ? endpoint["unix://".Length..] : endpoint.StartsWith('/') ? endpoint : null;
        var exists = path is null || Path.Exists(path);
        if (!exists)
        {
            return new CriObservation(endpoint, path, false, $"{path} does not exist");
        }

        try
        {
            var version = await runtime.VersionAsync(cancellationToken).ConfigureAwait(false);
            var status = await runtime.StatusAsync(verbose: true, cancellationToken).ConfigureAwait(false);
            status.Info.TryGetValue("config", out var config);
            return new CriObservation(endpoint, path, true, null, version.RuntimeName, version.RuntimeVersion, version.RuntimeApiVersion, RuntimeConditions.From(status), config);
        }
        catch (RpcException ex)
        {
            return new CriObservation(endpoint, path, true, $"{ex.Status.Detail} ({ex.StatusCode})");
        }
    }
}
