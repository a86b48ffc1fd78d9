namespace Sharplet.Api;

/// <summary>core/v1 MountPropagationMode values.</summary>
internal static class MountPropagationMode
{
    public const string None = "None";

    public const string HostToContainer = "HostToContainer";

    public const string Bidirectional = "Bidirectional";
}
