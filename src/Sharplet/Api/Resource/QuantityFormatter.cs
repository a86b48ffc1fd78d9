using System.Globalization;
using System.Numerics;

namespace Sharplet.Api;

/// <summary>
/// Upstream's CanonicalizeBytes: no fractional digits, the largest suffix that loses nothing,
/// in the quantity's own format (1.5 → "1500m", 1536Mi → "1536Mi", 1000M → "1G").
/// </summary>
internal static class QuantityFormatter
{
    private static readonly BigInteger Kibi = 1024;

    public static string Canonical(Quantity quantity)
    {
        if (quantity.IsZero)
        {
            return "0";
        }

        var format = quantity.Format;
        if (format == QuantityFormat.BinarySI)
        {
            // Upstream prints binary values inside (-1024, 1024) or with a fraction in decimal so
            // nothing is rounded, and values past Ei (no suffix left) in exponent form.
            if (IsBelowKibi(quantity) || !IsInteger(quantity))
            {
                format = QuantityFormat.DecimalSI;
            }
            else if (TryBinary(quantity, out var text))
            {
                return text;
            }
            else
            {
                format = QuantityFormat.DecimalExponent;
            }
        }

        return Decimal(quantity.Unscaled, quantity.Scale, format);
    }

    private static bool TryBinary(Quantity quantity, out string text)
    {
        text = string.Empty;
        // 1024^7 = 2^70 is past Ei, and any scale of 70 or more holds at least 2^70.
        if (quantity.Scale >= 70)
        {
            return false;
        }

        var value = quantity.Scale >= 0
            ? quantity.Unscaled * BigInteger.Pow(10, quantity.Scale)
            : quantity.Unscaled / BigInteger.Pow(10, -quantity.Scale);
        var power = 0;
        while (power < QuantitySuffix.Binary.Length)
        {
            var quotient = BigInteger.DivRem(value, Kibi, out var remainder);
            if (!remainder.IsZero)
            {
                break;
            }

            value = quotient;
            power++;
        }

        if (power >= QuantitySuffix.Binary.Length)
        {
            return false;
        }

        text = value.ToString(CultureInfo.InvariantCulture) + QuantitySuffix.Binary[power];
        return true;
    }

    private static bool IsBelowKibi(Quantity quantity) =>
        quantity.Scale < 4
        && BigInteger.Abs(quantity.Unscaled) * BigInteger.Pow(10, Math.Max(quantity.Scale, 0))
            < Kibi * BigInteger.Pow(10, Math.Max(-quantity.Scale, 0));

    private static bool IsInteger(Quantity quantity) =>
        quantity.Scale >= 0 || (quantity.Unscaled % BigInteger.Pow(10, -quantity.Scale)).IsZero;

    private static string Decimal(BigInteger mantissa, long exponent, QuantityFormat format)
    {
        while (true)
        {
            var quotient = BigInteger.DivRem(mantissa, 10, out var remainder);
            if (!remainder.IsZero)
            {
                break;
            }

            mantissa = quotient;
            exponent++;
        }

        // Lower the exponent to a multiple of three so a suffix (or eN with N%3==0) exists.
        var excess = ((exponent % 3) + 3) % 3;
        mantissa *= BigInteger.Pow(10, (int)excess);
        exponent -= excess;
        return mantissa.ToString(CultureInfo.InvariantCulture) + QuantitySuffix.ForDecimal(exponent, format);
    }
}
