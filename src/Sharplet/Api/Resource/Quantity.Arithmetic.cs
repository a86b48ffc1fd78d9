using System.Globalization;
using System.Numerics;

namespace Sharplet.Api;

/// <summary>Exact arithmetic and ordering by value.</summary>
internal readonly partial struct Quantity
{
    // Aligning two scales costs 10^difference; beyond this many digits the values cannot come
    // from a real resource request and exact arithmetic would only be a way to exhaust memory.
    private const int MaxAlignmentDigits = 4096;

    /// <summary>The exact sum; a zero receiver takes the other operand's format, as upstream's Add does.</summary>
    public Quantity Add(Quantity other)
    {
        var format = IsZero ? other.Format : Format;
        var (left, right, scale) = Align(this, other);
        return new Quantity(left + right, scale, format);
    }

    /// <summary>The exact difference; a zero receiver takes the other operand's format, as upstream's Sub does.</summary>
    public Quantity Subtract(Quantity other)
    {
        var format = IsZero ? other.Format : Format;
        var (left, right, scale) = Align(this, other);
        return new Quantity(left - right, scale, format);
    }

    public Quantity Negate() => new(-Unscaled, Scale, Format);

    public int CompareTo(Quantity other)
    {
        if (Sign != other.Sign)
        {
            return Sign.CompareTo(other.Sign);
        }

        if (IsZero)
        {
            return 0;
        }

        if (Math.Abs((long)Scale - other.Scale) > MaxAlignmentDigits)
        {
            // Far apart scales: the order of magnitude decides without building 10^difference.
            var magnitude = MagnitudeOf(this).CompareTo(MagnitudeOf(other));
            if (magnitude != 0)
            {
                return magnitude * Sign;
            }
        }

        var (left, right, _) = Align(this, other);
        return left.CompareTo(right);
    }

    /// <summary>Equality by value: 1000m equals 1 and 1Ki equals 1024, whatever the formats.</summary>
    public bool Equals(Quantity other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    public override int GetHashCode()
    {
        if (IsZero)
        {
            return 0;
        }

        // Hash the value with trailing zeros moved into the scale so equal values hash alike.
        var unscaled = Unscaled;
        long scale = Scale;
        while (true)
        {
            var quotient = BigInteger.DivRem(unscaled, 10, out var remainder);
            if (!remainder.IsZero)
            {
                break;
            }

            unscaled = quotient;
            scale++;
        }

        return HashCode.Combine(unscaled, scale);
    }

    public static Quantity operator +(Quantity left, Quantity right) => left.Add(right);

    public static Quantity operator -(Quantity left, Quantity right) => left.Subtract(right);

    public static Quantity operator -(Quantity value) => value.Negate();

    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    private static long MagnitudeOf(Quantity quantity) =>
        BigInteger.Abs(quantity.Unscaled).ToString(CultureInfo.InvariantCulture).Length + (long)quantity.Scale;

    private static (BigInteger Left, BigInteger Right, int Scale) Align(Quantity left, Quantity right)
    {
        if (left.IsZero)
        {
            return (BigInteger.Zero, right.Unscaled, right.Scale);
        }

        if (right.IsZero)
        {
            return (left.Unscaled, BigInteger.Zero, left.Scale);
        }

        var difference = (long)left.Scale - right.Scale;
        if (Math.Abs(difference) > MaxAlignmentDigits)
        {
            throw new OverflowException(
                $"Quantities {left} and {right} differ by more than 10^{MaxAlignmentDigits} and cannot be combined exactly.");
        }

        return difference >= 0
            ? (left.Unscaled * BigInteger.Pow(10, (int)difference), right.Unscaled, right.Scale)
            : (left.Unscaled, right.Unscaled * BigInteger.Pow(10, (int)-difference), left.Scale);
    }
}
