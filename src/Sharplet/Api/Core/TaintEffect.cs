namespace Sharplet.Api;

/// <summary>core/v1 TaintEffect values.</summary>
internal static class TaintEffect
{
    public const string NoSchedule = "NoSchedule";

    public const string PreferNoSchedule = "PreferNoSchedule";

    public const string NoExecute = "NoExecute";
}
