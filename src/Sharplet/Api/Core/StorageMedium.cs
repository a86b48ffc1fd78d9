namespace Sharplet.Api;

/// <summary>core/v1 StorageMedium values; "HugePages-&lt;size&gt;" selects a page size.</summary>
internal static class StorageMedium
{
    public const string Default = "";

    public const string Memory = "Memory";

    public const string HugePages = "HugePages";

    public const string HugePagesPrefix = "HugePages-";
}
