namespace Sharplet.Api;

/// <summary>core/v1 event types.</summary>
internal static class EventType
{
    public const string Normal = "Normal";

    public const string Warning = "Warning";
}
