namespace Sharplet.Api;

/// <summary>metav1.DeletionPropagation values.</summary>
internal static class DeletionPropagation
{
    public const string Orphan = "Orphan";

    public const string Background = "Background";

    public const string Foreground = "Foreground";
}
