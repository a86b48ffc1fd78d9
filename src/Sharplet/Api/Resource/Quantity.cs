using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Text.Json.Serialization;

namespace Sharplet.Api;

/// <summary>
/// A Kubernetes resource quantity ("500m", "128Mi", "1e3"): an exact decimal number plus the
/// format it was written in, which <see cref="ToString"/> keeps.
/// </summary>
/// <remarks>
/// A readonly struct rather than a class: upstream's Quantity is a Go value type, the zero value is
/// a valid zero quantity (so a <c>Dictionary&lt;string, Quantity&gt;</c> never holds nulls), and
/// arithmetic returns new values instead of mutating shared state. The number is kept as
/// <c>unscaled * 10^scale</c> with a <see cref="BigInteger"/>, so parsing, comparison and
/// addition are exact for every input upstream accepts (decimal would overflow at 29 digits).
/// </remarks>
[JsonConverter(typeof(QuantityJsonConverter))]
internal readonly partial struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private readonly string? _text;

    internal Quantity(BigInteger unscaled, int scale, QuantityFormat format, string? text = null)
    {
        Unscaled = unscaled;
        Scale = unscaled.IsZero ? 0 : scale;
        Format = format;
        _text = text;
    }

    /// <summary>The format used when printing: the one the value was parsed with.</summary>
    public QuantityFormat Format { get; }

    /// <summary>The value is <c>Unscaled * 10^Scale</c>.</summary>
    internal BigInteger Unscaled { get; }

    internal int Scale { get; }

    public static Quantity Zero => default;

    public bool IsZero => Unscaled.IsZero;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => Unscaled.Sign;

    /// <summary>Parses upstream's quantity grammar; throws <see cref="FormatException"/> naming the text.</summary>
    public static Quantity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return QuantityParser.TryParse(text, out var quantity, out var error)
            ? quantity
            : throw new FormatException($"Invalid quantity '{text}': {error}.");
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out Quantity quantity)
    {
        if (text is null)
        {
            quantity = default;
            return false;
        }

        return QuantityParser.TryParse(text, out quantity, out _);
    }

    /// <summary>An integer quantity, like upstream's NewQuantity.</summary>
    public static Quantity FromInt64(long value, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(value, 0, format);

    /// <summary>value/1000, like upstream's NewMilliQuantity.</summary>
    public static Quantity FromMilli(long milliValue, QuantityFormat format = QuantityFormat.DecimalSI) =>
        new(milliValue, -3, format);

    /// <summary>value * 10^scale in DecimalSI, like upstream's NewScaledQuantity.</summary>
    public static Quantity FromScaled(long value, int scale) => new(value, scale, QuantityFormat.DecimalSI);

    /// <summary>The value rounded away from zero to an integer (upstream's Value()); saturates at the long range.</summary>
    public long Value() => ScaledValue(0);

    /// <summary>The value in thousandths rounded away from zero (upstream's MilliValue()); saturates at the long range.</summary>
    public long MilliValue() => ScaledValue(-3);

    /// <summary>value / 10^scale rounded away from zero, so 1n is 1 milli and -1500m is -2.</summary>
    public long ScaledValue(int scale)
    {
        if (Unscaled.IsZero)
        {
            return 0;
        }

        var shift = (long)Scale - scale;
        BigInteger result;
        if (shift >= 0)
        {
            // 10^20 already exceeds long, so a larger shift only decides the sign of the saturation.
            result = shift > 20 ? Unscaled.Sign * (BigInteger)ulong.MaxValue : Unscaled * BigInteger.Pow(10, (int)shift);
        }
        else if (-shift > UpperDigitCount(Unscaled))
        {
            // |value| < 1 at the requested scale: rounding away from zero gives one unit.
            return Unscaled.Sign;
        }
        else
        {
            result = BigInteger.DivRem(BigInteger.Abs(Unscaled), BigInteger.Pow(10, (int)-shift), out var remainder);
            if (!remainder.IsZero)
            {
                result += 1;
            }

            result *= Unscaled.Sign;
        }

        return result > long.MaxValue ? long.MaxValue : result < long.MinValue ? long.MinValue : (long)result;
    }

    /// <summary>Upstream's String(): the canonical form in the value's format, or the input text where upstream keeps it.</summary>
    public override string ToString() => _text ?? QuantityFormatter.Canonical(this);

    /// <summary>At least the number of decimal digits of <paramref name="value"/>, cheaply.</summary>
    internal static long UpperDigitCount(BigInteger value) =>
        (BigInteger.Abs(value).GetBitLength() * 30103 / 100000) + 1;
}
