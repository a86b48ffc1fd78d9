namespace Sharplet.Api;

/// <summary>core/v1 RecursiveReadOnlyMode values.</summary>
internal static class RecursiveReadOnlyMode
{
    public const string Disabled = "Disabled";

    public const string IfPossible = "IfPossible";

    public const string Enabled = "Enabled";
}
