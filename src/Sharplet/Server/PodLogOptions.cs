using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Sharplet.Server;

// v1.PodLogOptions from a containerLogs query, decoded as upstream's parameter codec does (Go's ParseBool and
// ParseInt, RFC 3339 times; the legacy "tail" parameter; a bare "previous" is true) and validated as
// ValidatePodLogOptions.
internal sealed record PodLogOptions
{
    public bool Follow { get; init; }

    public bool Previous { get; init; }

    public bool Timestamps { get; init; }

    public long? TailLines { get; init; }

    public long? SinceSeconds { get; init; }

    public DateTimeOffset? SinceTime { get; init; }

    public long? LimitBytes { get; init; }

    public enum ParseError
    {
        None,
        Decode,
        Invalid,
    }

    public static (PodLogOptions? Options, ParseError Error) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Parse(name => query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] ?? string.Empty : null);
    }

    // first: the first value of a query parameter, empty when it has none, null when absent.
    public static (PodLogOptions? Options, ParseError Error) Parse(Func<string, string?> first)
    {
        ArgumentNullException.ThrowIfNull(first);
        try
        {
            var tail = first("tailLines");
            if (first("tail") is { Length: > 0 } legacy)
            {
                tail = legacy == "all" ? null : legacy;
            }

            var previous = first("previous");
            var options = new PodLogOptions
            {
                Follow = Bool(first("follow")),
                Previous = previous is not null && (previous.Length == 0 || Bool(previous)),
                Timestamps = Bool(first("timestamps")),
                TailLines = Long(tail),
                SinceSeconds = Long(first("sinceSeconds")),
                SinceTime = first("sinceTime") is { Length: > 0 } t ? Time(t) : null,
                LimitBytes = Long(first("limitBytes")),
            };
            var invalid = options.TailLines < 0 || options.LimitBytes < 1 || options.SinceSeconds < 1
                || (options.SinceSeconds is not null && options.SinceTime is not null);
            return invalid ? (null, ParseError.Invalid) : (options, ParseError.None);
        }
        catch (FormatException)
        {
            return (null, ParseError.Decode);
        }
    }

    // The earliest timestamp a line may have, or null for every line.
    public DateTimeOffset? Since(DateTimeOffset now) => SinceTime ?? (SinceSeconds is { } s ? now - TimeSpan.FromSeconds(s) : null);

    // Go's strconv.ParseBool; an absent or empty parameter is false.
    public static bool Bool(string? value) => value switch
    {
        null or "" => false,
        "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
        "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
        _ => throw new FormatException($"invalid boolean \"{value}\""),
    };

    private static long? Long(string? value) =>
        string.IsNullOrEmpty(value) ? null
        : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
        : throw new FormatException($"invalid integer \"{value}\"");

    private static DateTimeOffset Time(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && value.Contains('T', StringComparison.Ordinal)
            ? t
            : throw new FormatException($"invalid time \"{value}\"");
}
