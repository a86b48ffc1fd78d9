namespace Sharplet.Api;

/// <summary>core/v1 PodQOSClass values.</summary>
internal static class PodQOSClass
{
    public const string Guaranteed = "Guaranteed";

    public const string Burstable = "Burstable";

    public const string BestEffort = "BestEffort";
}
