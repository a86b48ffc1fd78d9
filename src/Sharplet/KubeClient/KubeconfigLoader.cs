using System.Text.Json;
using System.Text.Json.Nodes;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.KubeClient;

/// <summary>
/// Reads a kubeconfig (the --kubeconfig file) and resolves one context to a <see cref="KubeConfig"/>: its
/// cluster (server, CA, TLS options) and its user (client certificate and key, or a bearer token). Relative
/// file paths resolve against the kubeconfig's own directory, as client-go does. Every failure is a
/// <see cref="KubeconfigException"/> naming the file and the entry.
/// </summary>
internal static class KubeconfigLoader
{
    /// <param name="path">The kubeconfig file.</param>
    /// <param name="context">A context to use instead of the file's current-context.</param>
    public static KubeConfig Load(string path, string? context = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            // Bounded and regular files only: a directory, FIFO or device is named as such, and never blocks.
            var content = RegularFile.Read(fullPath, InputLimits.MaxManifestFileBytes);
            var problem = content.Missing ? "does not exist" : content.Problem;
            text = problem is null ? Utf8Text.Decode(content.Bytes!, out problem) ?? string.Empty : string.Empty;
            if (problem is not null)
            {
                throw new KubeconfigException($"Cannot read kubeconfig {fullPath} (it {problem}).");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException($"Cannot read kubeconfig {fullPath} ({Reason(ex)}).", ex);
        }

        return Parse(text, fullPath, context);
    }

    /// <summary>Parses kubeconfig text; <paramref name="fullPath"/> names it in errors and anchors relative paths.</summary>
    public static KubeConfig Parse(string yaml, string fullPath, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(fullPath);
        var root = ParseRoot(yaml, fullPath);
        var baseDir = Path.GetDirectoryName(fullPath) ?? "/";
        var file = new KubeconfigFile(fullPath, baseDir);

        var contextName = context ?? Text(root, "current-context");
        if (string.IsNullOrEmpty(contextName))
        {
            throw file.Error("no current-context is set, and no context was chosen");
        }

        var contextEntry = Find(root, "contexts", "context", contextName)
            ?? throw file.Error(context is null
                ? $"current-context \"{contextName}\" is not one of its contexts{Known(root, "contexts")}"
                : $"context \"{contextName}\" is not one of its contexts{Known(root, "contexts")}");

        var clusterName = Text(contextEntry, "cluster");
        var userName = Text(contextEntry, "user");
        if (string.IsNullOrEmpty(clusterName))
        {
            throw file.Error($"context \"{contextName}\" names no cluster");
        }

        var clusterEntry = Find(root, "clusters", "cluster", clusterName)
            ?? throw file.Error($"context \"{contextName}\" names cluster \"{clusterName}\", which is not one of its clusters{Known(root, "clusters")}");

        // A context without a user is legal (anonymous access); a user it names must exist.
        JsonObject? userEntry = null;
        if (!string.IsNullOrEmpty(userName))
        {
            userEntry = Find(root, "users", "user", userName)
                ?? throw file.Error($"context \"{contextName}\" names user \"{userName}\", which is not one of its users{Known(root, "users")}");
        }

        var cluster = KubeconfigCredentials.ReadCluster(file, clusterName, clusterEntry);
        var user = KubeconfigCredentials.ReadUser(file, userName ?? string.Empty, userEntry ?? []);
        var ns = Text(contextEntry, "namespace");
        return new KubeConfig(cluster, user, fullPath, contextName, string.IsNullOrEmpty(ns) ? null : ns);
    }

    /// <summary>A scalar field as text; YAML may type "123" or "true" as a number or bool.</summary>
    internal static string? Text(JsonObject? node, string field) =>
        node?[field] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value => value.ToJsonString(),
            _ => null,
        };

    internal static string Reason(Exception ex) => ex.Message.TrimEnd('.');

    private static JsonObject ParseRoot(string yaml, string fullPath)
    {
        IReadOnlyList<YamlJsonDocument> documents;
        try
        {
            documents = YamlToJson.Convert(yaml);
        }
        catch (YamlConversionException ex)
        {
            throw new KubeconfigException($"Kubeconfig {fullPath} is not valid YAML ({Reason(ex)}).", ex);
        }

        return documents switch
        {
            [] => throw new KubeconfigException($"Kubeconfig {fullPath} is empty."),
            [{ Json: JsonObject root }] => root,
            [_] => throw new KubeconfigException($"Kubeconfig {fullPath} is not a YAML mapping."),
            _ => throw new KubeconfigException($"Kubeconfig {fullPath} has {documents.Count} YAML documents; a kubeconfig is one."),
        };
    }

    // Lists hold {name: N, <inner>: {...}}; the first entry with the name wins.
    private static JsonObject? Find(JsonObject root, string list, string inner, string name)
    {
        if (root[list] is not JsonArray entries)
        {
            return null;
        }

        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (string.Equals(Text(entry, "name"), name, StringComparison.Ordinal))
            {
                return entry[inner] as JsonObject ?? [];
            }
        }

        return null;
    }

    private static string Known(JsonObject root, string list)
    {
        var names = (root[list] as JsonArray)?.OfType<JsonObject>().Select(e => Text(e, "name")).OfType<string>().ToList() ?? [];
        return names.Count == 0 ? $" (it has no {list})" : $" (it has: {string.Join(", ", names)})";
    }
}
