using System.Globalization;

namespace Sharplet.Api;

/// <summary>RFC 3339 timestamps as Kubernetes writes and reads them.</summary>
internal static class Rfc3339
{
    // .NET parses at most 7 fractional digits; Go writes up to 9 (RFC3339Nano), so extra digits are cut.
    private const int MaxFractionDigits = 7;

    private static readonly string[] Formats =
    [
        "yyyy'-'MM'-'dd'T'HH':'mm':'ssK",
        "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK",
    ];

    /// <summary>Accepts any offset ("Z", "+02:00") and any number of fractional digits; normalizes to UTC.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var normalized = text.Replace('t', 'T').Replace('z', 'Z');
        var dot = normalized.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < normalized.Length && char.IsAsciiDigit(normalized[end]))
            {
                end++;
            }

            if (end - dot - 1 > MaxFractionDigits)
            {
                normalized = normalized.Remove(dot + 1 + MaxFractionDigits, end - dot - 1 - MaxFractionDigits);
            }
        }

        if (!DateTimeOffset.TryParseExact(normalized, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        value = parsed.ToUniversalTime();
        return true;
    }

    /// <summary>metav1.Time: whole seconds in UTC, "2024-01-02T03:04:05Z" (Go's RFC3339 layout truncates).</summary>
    public static string FormatSeconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>metav1.MicroTime: always six fractional digits in UTC, "2024-01-02T03:04:05.123456Z".</summary>
    public static string FormatMicroseconds(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
}
