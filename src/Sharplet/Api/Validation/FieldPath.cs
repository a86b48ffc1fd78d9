using System.Globalization;

namespace Sharplet.Api.Validation;

/// <summary>Builds field paths the way upstream's field.Path prints them: <c>spec.containers[0].ports[1]</c>.</summary>
internal static class FieldPath
{
    public static string Child(this string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Index(this string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string Key(this string path, string key) => path + "[" + key + "]";
}
