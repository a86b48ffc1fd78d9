namespace Sharplet.Api;

/// <summary>core/v1 OSName values for PodOS.</summary>
internal static class OSName
{
    public const string Linux = "linux";

    public const string Windows = "windows";
}
