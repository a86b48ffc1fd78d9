using System.Globalization;
using System.Numerics;

namespace Sharplet.Api;

/// <summary>
/// Reads upstream's quantity grammar: <c>[+-]digits[.digits](binarySI | decimalSI | e[+-]digits)</c>,
/// with upstream's rounding (up to the nanounit), capping (binary values at 2^63-1) and its
/// choice of which inputs are printed back verbatim.
/// </summary>
internal static class QuantityParser
{
    private const string GrammarError =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    private const string SuffixError = "unable to parse quantity's suffix";

    private const string SuffixLetters = "eEinumkKMGTP";

    public static bool TryParse(string text, out Quantity quantity, out string? error)
    {
        quantity = default;
        error = null;
        if (text.Length == 0)
        {
            error = GrammarError;
            return false;
        }

        if (text == "0")
        {
            quantity = new Quantity(BigInteger.Zero, 0, QuantityFormat.DecimalSI, text);
            return true;
        }

        if (!Scan(text, out var negative, out var integer, out var fraction, out var suffix))
        {
            error = GrammarError;
            return false;
        }

        if (!QuantitySuffix.TryInterpret(suffix, out var binary, out var exponent, out var format))
        {
            error = SuffixError;
            return false;
        }

        var unscaled = BigInteger.Parse(integer + fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        long scale = -fraction.Length;
        if (binary)
        {
            unscaled <<= exponent;
        }
        else
        {
            scale += exponent;
        }

        (unscaled, scale) = RoundUpToNano(unscaled, scale);
        if (format == QuantityFormat.BinarySI)
        {
            // Upstream caps binary quantities at 2^63-1 and prints tiny ones in decimal.
            var limit = new BigInteger(long.MaxValue) * BigInteger.Pow(10, (int)-scale);
            if (unscaled > limit)
            {
                (unscaled, scale) = (long.MaxValue, 0);
            }
            else if (unscaled < BigInteger.Pow(10, (int)-scale) && !unscaled.IsZero)
            {
                format = QuantityFormat.DecimalSI;
            }
        }

        var verbatim = KeepsText(integer, fraction, binary, exponent) ? text : null;
        quantity = new Quantity(negative ? -unscaled : unscaled, (int)scale, format, verbatim);
        return true;
    }

    /// <summary>Splits text the way upstream's parseQuantityString does, including its leniencies ("1.", ".5", "+").</summary>
    private static bool Scan(string text, out bool negative, out string integer, out string fraction, out string suffix)
    {
        negative = false;
        integer = "0";
        fraction = string.Empty;
        suffix = string.Empty;
        var pos = 0;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            pos++;
        }

        while (pos < text.Length && text[pos] == '0')
        {
            pos++;
        }

        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos > start)
        {
            integer = text[start..pos];
        }

        if (pos < text.Length && text[pos] == '.')
        {
            start = ++pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            fraction = text[start..pos];
        }

        var suffixStart = pos;
        while (pos < text.Length && SuffixLetters.Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] is '+' or '-')
        {
            pos++;
        }

        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        suffix = text[suffixStart..];
        return pos == text.Length;
    }

    /// <summary>Non-zero values finer than 1n round up (away from zero) to the next nanounit, as upstream does.</summary>
    private static (BigInteger Unscaled, long Scale) RoundUpToNano(BigInteger unscaled, long scale)
    {
        const long nano = -9;
        if (unscaled.IsZero)
        {
            return (unscaled, 0);
        }

        if (scale >= nano)
        {
            return (unscaled, scale);
        }

        var drop = nano - scale;
        if (drop > Quantity.UpperDigitCount(unscaled))
        {
            return (BigInteger.One, nano);
        }

        var quotient = BigInteger.DivRem(unscaled, BigInteger.Pow(10, (int)drop), out var remainder);
        return (remainder.IsZero ? quotient : quotient + 1, nano);
    }

    /// <summary>
    /// Upstream's int64 fast path stores the input string and prints it back unchanged when it is
    /// already canonical by its cheap test; "+1Ki" or "100.035k" therefore print as written.
    /// </summary>
    private static bool KeepsText(string integer, string fraction, bool binary, int exponent)
    {
        if (binary)
        {
            var precision = 15 - integer.Length - (int)(exponent * 3f / 10) - 1;
            return fraction.Length == 0 && precision >= 0
                && exponent % 10 == 0 && (long.Parse(integer, CultureInfo.InvariantCulture) & 0x07) != 0;
        }

        var digits = integer + fraction;
        var scale = (long)exponent - fraction.Length;
        return 18 - digits.Length >= 0 && scale >= -9 && scale % 3 == 0
            && !digits.EndsWith("000", StringComparison.Ordinal) && digits[0] != '0';
    }
}
