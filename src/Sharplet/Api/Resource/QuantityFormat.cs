namespace Sharplet.Api;

/// <summary>The three spellings of a <see cref="Quantity"/>; a parsed quantity remembers its own.</summary>
/// <remarks>DecimalSI is the zero value so that <c>default(Quantity)</c> prints as upstream's zero quantity.</remarks>
internal enum QuantityFormat
{
    /// <summary>Decimal SI suffixes: 12M = 12 * 10^6, 100m = 0.1.</summary>
    DecimalSI = 0,

    /// <summary>Binary SI suffixes: 12Mi = 12 * 2^20.</summary>
    BinarySI,

    /// <summary>Decimal exponent: 12e6.</summary>
    DecimalExponent,
}
