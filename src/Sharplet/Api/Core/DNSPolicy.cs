namespace Sharplet.Api;

/// <summary>core/v1 DNSPolicy values.</summary>
internal static class DNSPolicy
{
    public const string ClusterFirstWithHostNet = "ClusterFirstWithHostNet";

    public const string ClusterFirst = "ClusterFirst";

    public const string Default = "Default";

    public const string None = "None";
}
