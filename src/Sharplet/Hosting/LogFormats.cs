using Sharplet.Util;

namespace Sharplet.Hosting;

// The log formats upstream's component-base registers for the kubelet: "text" (klog) and "json".
internal static class LogFormats
{
    public const string Text = "text";

    public const string Json = "json";

    public static bool IsKnown(string? value) => value is Text or Json;

    public static string Parse(string? value, string source) =>
        IsKnown(value) ? value! : throw new ConfigException($"{source}: \"{value}\" is not a log format (text or json)");
}
