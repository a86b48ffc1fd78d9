using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sharplet.Api;

/// <summary>
/// Enforces <see cref="InputLimits"/> on the parser's event stream, before YamlDotNet's representation model
/// (which builds nested collections recursively) sees an event: a flow nesting of 30,000 levels is an error at
/// level 65 instead of a stack overflow, and a huge or many-document stream stops at the limit instead of being
/// held in memory whole. YamlDotNet's scanner and parser themselves keep explicit stacks, so they are safe to run.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner) : IParser
{
    private int depth;
    private int documents;
    private int nodes;
    private long documentStart;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var current = inner.Current!;
        switch (current)
        {
            case DocumentStart:
                if (++documents > InputLimits.MaxDocumentsPerFile)
                {
                    throw Error(current, $"more than {InputLimits.MaxDocumentsPerFile} documents in one file");
                }

                nodes = 0;
                documentStart = current.Start.Index;
                break;
            case SequenceStart or MappingStart:
                if (++depth > InputLimits.MaxDepth)
                {
                    throw Error(current, $"nesting deeper than {InputLimits.MaxDepth} levels (document {documents})");
                }

                Count(current);
                break;
            case SequenceEnd or MappingEnd:
                depth--;
                break;
            case Scalar or AnchorAlias:
                Count(current);
                break;
        }

        if (current.End.Index - documentStart > InputLimits.MaxDocumentChars)
        {
            throw Error(current, $"document {documents} is longer than {InputLimits.MaxDocumentChars} characters");
        }

        return true;
    }

    private void Count(ParsingEvent current)
    {
        if (++nodes > InputLimits.MaxNodesPerDocument)
        {
            throw Error(current, $"document {documents} has more than {InputLimits.MaxNodesPerDocument} values");
        }
    }

    private static YamlConversionException Error(ParsingEvent at, string problem) => new(problem, at.Start.Line, at.Start.Column);
}
