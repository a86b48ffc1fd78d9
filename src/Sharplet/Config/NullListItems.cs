using System.Globalization;
using System.Text.Json.Nodes;

namespace Sharplet.Config;

// A null list item ("containers: [~]", or "- " with nothing after it) or a null value in a string or quantity
// map ("labels: {app: }") deserializes to a null element that the defaulting and validation code, typed as
// never-null, would dereference. Go would make it a zero value; a manifest with one is refused here, naming the
// item. (A null struct field is fine: it is unset.) The walk is bounded by InputLimits.MaxDepth.
internal static class NullListItems
{
    private static readonly HashSet<string> Maps = new(StringComparer.Ordinal)
    {
        "labels", "annotations", "nodeSelector", "matchLabels", "volumeAttributes", "overhead", "limits", "requests",
    };

    public static string? Find(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                var isMap = Maps.Contains(path[(path.LastIndexOf('.') + 1)..]);
                foreach (var (name, child) in obj)
                {
                    if (child is null && isMap)
                    {
                        return $"{path}[{name}]";
                    }

                    if (Find(child, path.Length == 0 ? name : path + "." + name) is { } found)
                    {
                        return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]";
                    if (array[i] is null)
                    {
                        return item;
                    }

                    if (Find(array[i], item) is { } found)
                    {
                        return found;
                    }
                }

                break;
        }

        return null;
    }
}
