namespace Sharplet.Api;

/// <summary>core/v1 ConditionStatus values.</summary>
internal static class ConditionStatus
{
    public const string True = "True";

    public const string False = "False";

    public const string Unknown = "Unknown";
}
