namespace Sharplet.Api;

/// <summary>core/v1 TolerationOperator values; an empty operator means Equal.</summary>
internal static class TolerationOperator
{
    public const string Exists = "Exists";

    public const string Equal = "Equal";
}
