namespace Sharplet.Api;

/// <summary>core/v1 NodeConditionType values.</summary>
internal static class NodeConditionType
{
    public const string Ready = "Ready";

    public const string MemoryPressure = "MemoryPressure";

    public const string DiskPressure = "DiskPressure";

    public const string PIDPressure = "PIDPressure";

    public const string NetworkUnavailable = "NetworkUnavailable";
}
