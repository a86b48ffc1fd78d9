using System.Globalization;

namespace Sharplet.Api;

/// <summary>
/// Upstream's NodeSelector semantics (component-helpers nodeaffinity): terms are alternatives, every
/// requirement of a term must hold, a term without requirements matches no node, and matchFields knows only
/// metadata.name. Shared by pod admission (required node affinity) and local PersistentVolumes.
/// </summary>
internal static class NodeSelectorMatcher
{
    public static bool Matches(NodeSelector selector, IReadOnlyDictionary<string, string> labels, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(labels);
        return (selector.NodeSelectorTerms ?? []).Any(term =>
            (term.MatchExpressions is { Count: > 0 } || term.MatchFields is { Count: > 0 })
            && (term.MatchExpressions ?? []).All(r => Matches(r, labels.TryGetValue(r.Key, out var v) ? v : null))
            && (term.MatchFields ?? []).All(r => r.Key == "metadata.name" && r.Operator is NodeSelectorOperator.In or NodeSelectorOperator.NotIn
                && Matches(r, nodeName)));
    }

    private static bool Matches(NodeSelectorRequirement requirement, string? value)
    {
        var values = requirement.Values ?? [];
        return requirement.Operator switch
        {
            NodeSelectorOperator.In => value is not null && values.Contains(value),
            NodeSelectorOperator.NotIn => value is null || !values.Contains(value),
            NodeSelectorOperator.Exists => value is not null,
            NodeSelectorOperator.DoesNotExist => value is null,
            NodeSelectorOperator.Gt => Compare(value, values) is > 0,
            NodeSelectorOperator.Lt => Compare(value, values) is < 0,
            _ => false,
        };
    }

    // Gt and Lt compare the label and the single value as integers; anything unparsable matches nothing.
    private static int? Compare(string? value, List<string> values) =>
        values.Count == 1
        && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
        && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound)
            ? actual.CompareTo(bound)
            : null;
}
