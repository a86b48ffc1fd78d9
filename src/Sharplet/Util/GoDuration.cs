using System.Globalization;

namespace Sharplet.Util;

// Go's time.Duration text form, which the kubelet's config file and flags use: "300ms", "1m30s", "2h", "1.5s".
internal static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] Units =
    [
        ("ns", 0.01), ("us", 10), ("µs", 10), ("ms", TimeSpan.TicksPerMillisecond), ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute), ("h", TimeSpan.TicksPerHour),
    ];

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"invalid duration \"{text}\" (expected e.g. 10s, 1m30s, 500ms)");

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var negative = s.StartsWith('-');
        s = s.TrimStart('-', '+');
        if (s == "0")
        {
            return true;
        }

        double ticks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            var unit = s[unitStart..i];
            var match = Units.FirstOrDefault(u => u.Unit == unit);
            if (match.Unit is null)
            {
                return false;
            }

            ticks += number * match.Ticks;
        }

        value = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    // Go's Duration.String(): "0s", "500ms", "1.5s", "1m0s", "1h2m3.4s". Probe failure messages quote durations
    // this way ("within 1s"), and operators grep for upstream's words.
    public static string Format(TimeSpan value)
    {
        var nanos = (Int128)value.Ticks * 100;
        if (nanos == 0)
        {
            return "0s";
        }

        var negative = nanos < 0;
        var u = negative ? -nanos : nanos;
        string text;
        if (u < 1_000_000_000)
        {
            // Below a second Go switches to the largest unit that keeps an integer part.
            text = u < 1_000 ? $"{u}ns"
                : u < 1_000_000 ? Fraction(u, 3) + "µs"
                : Fraction(u, 6) + "ms";
        }
        else
        {
            var seconds = Fraction(u % 60_000_000_000, 9);
            var minutes = u / 60_000_000_000;
            text = minutes == 0 ? seconds + "s"
                : minutes < 60 ? $"{minutes}m{seconds}s"
                : $"{minutes / 60}h{minutes % 60}m{seconds}s";
        }

        return negative ? "-" + text : text;
    }

    // value / 10^digits with the fraction's trailing zeros (and a bare point) left out, as Go's fmtFrac does.
    private static string Fraction(Int128 value, int digits)
    {
        Int128 scale = 1;
        for (var i = 0; i < digits; i++)
        {
            scale *= 10;
        }

        var whole = (value / scale).ToString(CultureInfo.InvariantCulture);
        var fraction = (value % scale).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return fraction.Length == 0 ? whole : $"{whole}.{fraction}";
    }
}
