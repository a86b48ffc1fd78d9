using System.Globalization;
using System.Text;

namespace Sharplet.Api;

/// <summary>
/// Go's float spellings, so YAML numbers reach the JSON exactly as sigs.k8s.io/yaml writes them
/// (a Quantity keeps the spelling it is given, so "1e+21" and "1E+21" would differ).
/// </summary>
internal static class GoFloatFormat
{
    /// <summary>encoding/json: shortest digits, plain notation for 1e-6 &lt;= |v| &lt; 1e21, exponent otherwise.</summary>
    public static string Json(double value)
    {
        var (negative, digits, point) = ShortestDigits(value.ToString("R", CultureInfo.InvariantCulture));
        var abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var text = Exponent(negative, digits, point);
            // encoding/json drops the leading zero of a negative two-digit exponent: e-07 becomes e-7.
            return text.Length >= 4 && text[^4] == 'e' && text[^3] == '-' && text[^2] == '0'
                ? text.Remove(text.Length - 2, 1)
                : text;
        }

        return Plain(negative, digits, point);
    }

    /// <summary>strconv.FormatFloat(v, 'g', -1, 32), which sigs.k8s.io/yaml uses for float map keys.</summary>
    public static string Key(double value)
    {
        if (double.IsNaN(value))
        {
            return ".nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? ".inf" : "-.inf";
        }

        var (negative, digits, point) = ShortestDigits(((float)value).ToString("R", CultureInfo.InvariantCulture));
        var exponent = point - 1;
        return digits == "0" || (exponent >= -4 && exponent < 6)
            ? Plain(negative, digits, point)
            : Exponent(negative, digits, point);
    }

    /// <summary>Digits without leading or trailing zeros and the position of the decimal point.</summary>
    private static (bool Negative, string Digits, int Point) ShortestDigits(string roundTrip)
    {
        var negative = roundTrip.StartsWith('-');
        var text = negative ? roundTrip[1..] : roundTrip;
        var e = text.IndexOfAny(['E', 'e']);
        var exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        return digits.Length == 0 ? (negative, "0", 1) : (negative, digits, point - leading);
    }

    private static string Plain(bool negative, string digits, int point)
    {
        var builder = new StringBuilder(negative ? "-" : string.Empty);
        if (point <= 0)
        {
            builder.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            builder.Append(digits).Append('0', point - digits.Length);
        }
        else
        {
            builder.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }

        return builder.ToString();
    }

    private static string Exponent(bool negative, string digits, int point)
    {
        var exponent = point - 1;
        var builder = new StringBuilder(negative ? "-" : string.Empty).Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits, 1, digits.Length - 1);
        }

        return builder.Append('e').Append(exponent < 0 ? '-' : '+')
            .Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture)).ToString();
    }
}
