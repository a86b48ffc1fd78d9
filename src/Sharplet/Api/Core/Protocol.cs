namespace Sharplet.Api;

/// <summary>core/v1 Protocol values.</summary>
internal static class Protocol
{
    public const string Tcp = "TCP";

    public const string Udp = "UDP";

    public const string Sctp = "SCTP";
}
