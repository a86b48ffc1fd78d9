namespace Sharplet.Api;

/// <summary>core/v1 ResourceName values the kubelet accounts for.</summary>
internal static class ResourceName
{
    public const string Cpu = "cpu";

    public const string Memory = "memory";

    public const string EphemeralStorage = "ephemeral-storage";

    public const string Pods = "pods";

    public const string Storage = "storage";

    public const string HugePagesPrefix = "hugepages-";
}
