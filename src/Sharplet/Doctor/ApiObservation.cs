namespace Sharplet.Doctor;

/// <summary>One GET /version to the API server: whether it answered, its Date header and the local clock around the call.</summary>
internal sealed record ApiObservation(
    Uri? Server,
    string? KubeconfigError,
    int? StatusCode,
    string? Error,
    string? ServerVersion,
    DateTimeOffset? ServerDate,
    DateTimeOffset LocalBefore,
    DateTimeOffset LocalAfter)
{
    public bool Reachable => KubeconfigError is null && Error is null && StatusCode is >= 200 and < 300;
}
