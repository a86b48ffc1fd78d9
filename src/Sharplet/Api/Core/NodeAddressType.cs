namespace Sharplet.Api;

/// <summary>core/v1 NodeAddressType values.</summary>
internal static class NodeAddressType
{
    public const string Hostname = "Hostname";

    public const string InternalIP = "InternalIP";

    public const string ExternalIP = "ExternalIP";

    public const string InternalDNS = "InternalDNS";

    public const string ExternalDNS = "ExternalDNS";
}
