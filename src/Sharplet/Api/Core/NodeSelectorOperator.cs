namespace Sharplet.Api;

/// <summary>core/v1 NodeSelectorOperator values.</summary>
internal static class NodeSelectorOperator
{
    public const string In = "In";

    public const string NotIn = "NotIn";

    public const string Exists = "Exists";

    public const string DoesNotExist = "DoesNotExist";

    public const string Gt = "Gt";

    public const string Lt = "Lt";
}
