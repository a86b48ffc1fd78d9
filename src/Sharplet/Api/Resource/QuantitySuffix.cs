using System.Globalization;

namespace Sharplet.Api;

/// <summary>Upstream's suffix table (suffix.go): binary SI, decimal SI and decimal exponents.</summary>
internal static class QuantitySuffix
{
    /// <summary>Index i is the suffix for 1024^i.</summary>
    internal static readonly string[] Binary = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    public static bool TryInterpret(string suffix, out bool binary, out int exponent, out QuantityFormat format)
    {
        binary = false;
        format = QuantityFormat.DecimalSI;
        exponent = suffix switch
        {
            "" => 0,
            "n" => -9,
            "u" => -6,
            "m" => -3,
            "k" => 3,
            "M" => 6,
            "G" => 9,
            "T" => 12,
            "P" => 15,
            "E" => 18,
            _ => int.MinValue,
        };
        if (exponent != int.MinValue)
        {
            return true;
        }

        var binaryIndex = Array.IndexOf(Binary, suffix);
        if (binaryIndex > 0)
        {
            (binary, exponent, format) = (true, binaryIndex * 10, QuantityFormat.BinarySI);
            return true;
        }

        format = QuantityFormat.DecimalExponent;
        // Upstream accepts exponents within ±(2^31-1) and rejects the rest rather than truncating them.
        if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && long.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            && parsed is >= -int.MaxValue and <= int.MaxValue)
        {
            exponent = (int)parsed;
            return true;
        }

        exponent = 0;
        return false;
    }

    /// <summary>The suffix for 10^exponent (a multiple of 3): an SI letter, or "eN" where SI has none.</summary>
    public static string ForDecimal(long exponent, QuantityFormat format)
    {
        if (format == QuantityFormat.DecimalSI)
        {
            var si = exponent switch
            {
                -9 => "n",
                -6 => "u",
                -3 => "m",
                0 => string.Empty,
                3 => "k",
                6 => "M",
                9 => "G",
                12 => "T",
                15 => "P",
                18 => "E",
                _ => null,
            };
            if (si is not null)
            {
                return si;
            }
        }

        return exponent == 0 ? string.Empty : "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
