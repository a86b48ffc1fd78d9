using Sharplet.Cri;

namespace Sharplet.Doctor;

/// <summary>
/// What the runtime socket answered: its Version, its Status conditions and (containerd's verbose Status) its
/// CRI plugin configuration as JSON, which names the CNI directories and the cgroup driver it uses.
/// </summary>
internal sealed record CriObservation(
    string Endpoint,
    string? SocketPath,
    bool SocketExists,
    string? Error,
    string? RuntimeName = null,
    string? RuntimeVersion = null,
    string? ApiVersion = null,
    RuntimeConditions? Conditions = null,
    string? ConfigJson = null)
{
    public bool Answered => Error is null && RuntimeName is not null;
}
