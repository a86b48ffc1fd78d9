using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sharplet.Api;

/// <summary>
/// Converts a YAML stream (one or more <c>---</c> documents) to JSON the way Kubernetes does
/// (sigs.k8s.io/yaml): YAML 1.1 scalar types, string keys, anchors and aliases expanded,
/// <c>&lt;&lt;</c> merge keys applied, empty documents skipped.
/// </summary>
/// <remarks>
/// Unlike go-yaml's lenient mode, a duplicate key is an error: YamlDotNet's representation model
/// rejects it, and a silently ignored duplicate in a manifest is a bug anyway.
/// </remarks>
internal static class YamlToJson
{
    // Nesting this deep after alias expansion is a recursive alias (YamlDotNet allows &a [*a]) or an attack; the
    // source's own nesting is bounded while parsing (BoundedYamlParser).
    private const int MaxDepth = InputLimits.MaxDepth;

    // Aliases can expand exponentially ("billion laughs"); real manifests stay far below this.
    private const int MaxNodesPerDocument = InputLimits.MaxNodesPerDocument;

    public static IReadOnlyList<YamlJsonDocument> Convert(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);

        // Two passes. The first runs only the parser's events through the limits and keeps nothing, so input over
        // a limit (10,000 documents, 100,000 values) is refused without building the representation model first:
        // YamlDotNet's nodes cost ~600 bytes each, and a stream of 500 documents held whole is what took a hostile
        // file to +29 MB. The second pass loads what is now known to be within the limits. Scanning a real
        // manifest twice costs microseconds.
        Parse(yaml, parser =>
        {
            while (parser.MoveNext())
            {
            }
        });

        var stream = new YamlStream();
        Parse(yaml, parser => stream.Load(parser));
        return ToJson(stream);
    }

    private static void Parse(string yaml, Action<IParser> load)
    {
        using var reader = new StringReader(yaml);
        var scanner = new Scanner(reader);
        try
        {
            load(new BoundedYamlParser(new Parser(scanner)));
        }
        catch (YamlException ex)
        {
            throw new YamlConversionException(ex.Message, ex.Start.Line, ex.Start.Column, ex);
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet's representation model rejects some event sequences (an alias right after a flow
            // collection's end, found by the fuzz test) this way rather than as a YamlException.
            var at = scanner.CurrentPosition;
            throw new YamlConversionException($"unexpected YAML here ({ex.Message.Split(" (Parameter", 2)[0]})", at.Line, at.Column, ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some unterminated flow collections ("[1, 2" at the end) this way.
            var at = scanner.CurrentPosition;
            throw new YamlConversionException("unexpected end of a flow sequence or mapping (missing ']' or '}'?)", at.Line, at.Column, ex);
        }
    }

    private static List<YamlJsonDocument> ToJson(YamlStream stream)
    {
        var documents = new List<YamlJsonDocument>();
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var root = stream.Documents[i].RootNode;
            JsonNode? json;
            try
            {
                json = new DocumentConverter().Convert(root, 0);
            }
            catch (InsufficientExecutionStackException ex)
            {
                throw new YamlConversionException($"document {i + 1} nests too deeply for the stack", root.Start.Line, root.Start.Column, ex);
            }

            if (json is not null)
            {
                documents.Add(new YamlJsonDocument(i + 1, (int)root.Start.Line, json));
            }
        }

        return documents;
    }

    private sealed class DocumentConverter
    {
        private int _nodes;

        public JsonNode? Convert(YamlNode node, int depth)
        {
            // Belt and braces under the depth limit: a too-small stack is an error for this input, not the end of
            // the process.
            RuntimeHelpers.EnsureSufficientExecutionStack();
            if (++_nodes > MaxNodesPerDocument)
            {
                throw Error(node, $"the document expands to more than {MaxNodesPerDocument} values (too many aliases?)");
            }

            if (depth > MaxDepth)
            {
                throw Error(node, $"nesting deeper than {MaxDepth} levels (a recursive alias?)");
            }

            return node switch
            {
                YamlScalarNode scalar => YamlScalarResolver.Resolve(scalar),
                YamlSequenceNode sequence => ConvertSequence(sequence, depth),
                YamlMappingNode mapping => ConvertMapping(mapping, depth),
                _ => throw Error(node, $"unsupported YAML node {node.NodeType}"),
            };
        }

        private JsonArray ConvertSequence(YamlSequenceNode sequence, int depth)
        {
            var array = new JsonArray();
            foreach (var item in sequence.Children)
            {
                array.Add(Convert(item, depth + 1));
            }

            return array;
        }

        private JsonObject ConvertMapping(YamlMappingNode mapping, int depth)
        {
            var result = new JsonObject();
            foreach (var (key, value) in mapping.Children)
            {
                if (YamlScalarResolver.IsMergeKey(key))
                {
                    Merge(result, value, depth);
                }
                else
                {
                    // Later entries win, as in go-yaml, also when two keys resolve to one string (1 and "1").
                    result[YamlScalarResolver.ResolveKey(key)] = Convert(value, depth + 1);
                }
            }

            return result;
        }

        /// <summary>go-yaml's merge: a mapping's entries, or a sequence of mappings where earlier ones win.</summary>
        private void Merge(JsonObject target, YamlNode source, int depth)
        {
            var sources = source switch
            {
                YamlMappingNode mapping => [mapping],
                YamlSequenceNode sequence when sequence.Children.All(c => c is YamlMappingNode) =>
                    sequence.Children.Cast<YamlMappingNode>().Reverse().ToList(),
                _ => throw Error(source, "a merge key (<<) needs a mapping or a sequence of mappings"),
            };
            foreach (var mapping in sources)
            {
                var merged = ConvertMapping(mapping, depth + 1);
                foreach (var name in merged.Select(p => p.Key).ToList())
                {
                    var value = merged[name];
                    merged.Remove(name);
                    target[name] = value;
                }
            }
        }

        private static YamlConversionException Error(YamlNode node, string problem) =>
            new(problem, node.Start.Line, node.Start.Column);
    }
}
