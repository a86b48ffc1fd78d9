namespace Sharplet.Api;

/// <summary>core/v1 PodPhase values.</summary>
internal static class PodPhase
{
    public const string Pending = "Pending";

    public const string Running = "Running";

    public const string Succeeded = "Succeeded";

    public const string Failed = "Failed";

    public const string Unknown = "Unknown";
}
