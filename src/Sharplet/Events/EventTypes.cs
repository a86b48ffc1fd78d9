namespace Sharplet.Events;

internal static class EventTypes
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";
}
