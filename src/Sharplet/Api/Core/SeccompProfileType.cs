namespace Sharplet.Api;

/// <summary>core/v1 SeccompProfileType values (AppArmorProfileType uses the same strings).</summary>
internal static class SeccompProfileType
{
    public const string Unconfined = "Unconfined";

    public const string RuntimeDefault = "RuntimeDefault";

    public const string Localhost = "Localhost";
}
