namespace Sharplet.Api;

/// <summary>metav1.LabelSelectorOperator values.</summary>
internal static class LabelSelectorOperator
{
    public const string In = "In";

    public const string NotIn = "NotIn";

    public const string Exists = "Exists";

    public const string DoesNotExist = "DoesNotExist";
}
