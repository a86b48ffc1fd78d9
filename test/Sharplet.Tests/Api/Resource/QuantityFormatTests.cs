using System.Numerics;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Resource;

// Cases from upstream's TestQuantityString, TestQuantityParseEmit, TestNewSet and TestMilliNewSet.
public class QuantityFormatTests
{
    // Formats travel as names: public test methods cannot take the internal enum.
    private const string Dec = nameof(QuantityFormat.DecimalSI);
    private const string Bin = nameof(QuantityFormat.BinarySI);
    private const string Exp = nameof(QuantityFormat.DecimalExponent);

    public static TheoryData<long, int, string, string, string> CanonicalForms => new()
    {
        { 1024L * 1024 * 1024, 0, Bin, "1Gi", "1024Mi" },
        { 300L * 1024 * 1024, 0, Bin, "300Mi", "307200Ki" },
        { 6 * 1024, 0, Bin, "6Ki", "" },
        { 1001L * 1024 * 1024 * 1024, 0, Bin, "1001Gi", "1025024Mi" },
        { 1024L * 1024 * 1024 * 1024, 0, Bin, "1Ti", "1024Gi" },
        { 5, 0, Bin, "5", "5000m" },
        { 500, -3, Bin, "500m", "0.5" },
        { 1, 9, Dec, "1G", "1000M" },
        { 1000, 6, Dec, "1G", "0.001T" },
        { 1000000, 3, Dec, "1G", "" },
        { 1000000000, 0, Dec, "1G", "" },
        { 1, -3, Dec, "1m", "1000u" },
        { 80, -3, Dec, "80m", "" },
        { 1080, -3, Dec, "1080m", "1.08" },
        { 108, -2, Dec, "1080m", "1080000000n" },
        { 10800, -4, Dec, "1080m", "" },
        { 300, 6, Dec, "300M", "" },
        { 1, 12, Dec, "1T", "" },
        { 1, 18, Dec, "1E", "" },
        { 1, 21, Dec, "1e21", "1000E" },
        { 5, 21, Dec, "5e21", "5000E" },
        { 1, 24, Dec, "1e24", "1000000E" },
        { 1, 70, Bin, "10e69", "" },
        { 2, 70, Bin, "20e69", "" },
        { 1, 72, Bin, "1e72", "" },
        { 1234567, 6, Dec, "1234567M", "" },
        { 1234567, -3, Bin, "1234567m", "" },
        { 3, 3, Dec, "3k", "" },
        { 1025, 0, Bin, "1025", "" },
        { 0, 0, Dec, "0", "" },
        { 0, 0, Bin, "0", "" },
        { 1, 9, Exp, "1e9", ".001e12" },
        { 1, -3, Exp, "1e-3", "0.001e0" },
        { 1, -9, Exp, "1e-9", "1000e-12" },
        { 80, -3, Exp, "80e-3", "" },
        { 300, 6, Exp, "300e6", "" },
        { 1, 12, Exp, "1e12", "" },
        { 1, 3, Exp, "1e3", "" },
        { 3, 3, Exp, "3e3", "" },
        { 0, 0, Exp, "0", "00" },
        { 1, -9, Dec, "1n", "" },
        { 80, -9, Dec, "80n", "" },
        { 1080, -9, Dec, "1080n", "" },
        { 108, -8, Dec, "1080n", "" },
        { 10800, -10, Dec, "1080n", "" },
        { 1, -6, Dec, "1u", "" },
        { 80, -6, Dec, "80u", "" },
        { 1080, -6, Dec, "1080u", "" },
    };

    [Theory]
    [MemberData(nameof(CanonicalForms))]
    public void ToString_UpstreamTable_GivesCanonicalForm(long unscaled, int scale, string format, string expected, string alternate)
    {
        var quantity = new Quantity(unscaled, scale, Enum.Parse<QuantityFormat>(format));

        quantity.ToString().ShouldBe(expected);
        Quantity.Parse(expected).ToString().ShouldBe(expected);
        Quantity.Parse(expected).ShouldBe(quantity);
        if (alternate.Length > 0)
        {
            Quantity.Parse(alternate).ToString().ShouldBe(expected);
        }

        if (!quantity.IsZero)
        {
            quantity.Negate().ToString().ShouldBe("-" + expected);
        }
    }

    [Theory]
    [InlineData("1Ki", "1Ki")]
    [InlineData("1Mi", "1Mi")]
    [InlineData("1Gi", "1Gi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1000M", "1G")]
    [InlineData(".001Ki", "1024m")]
    [InlineData(".000001Ki", "1024u")]
    [InlineData(".000000001Ki", "1024n")]
    [InlineData(".000000000001Ki", "2n")]
    [InlineData("100m", "100m")]
    [InlineData("1", "1")]
    [InlineData("128Mi", "128Mi")]
    [InlineData("1500m", "1500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("0.5", "500m")]
    [InlineData("1000", "1k")]
    [InlineData("1000000000", "1G")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("1e3", "1e3")]
    [InlineData("1000e0", "1e3")]
    [InlineData("2048Ki", "2Mi")]
    [InlineData("0.1m", "100u")]
    public void Parse_ThenToString_EmitsUpstreamCanonicalForm(string input, string expected)
    {
        Quantity.Parse(input).ToString().ShouldBe(expected);
        Quantity.Parse("-" + input).ToString().ShouldBe("-" + expected);
    }

    [Theory]
    [InlineData("+1Ki")]
    [InlineData("100.035k")]
    [InlineData("1E3")]
    [InlineData("0100m")]
    public void Parse_TextUpstreamKeepsVerbatim_PrintsItUnchanged(string input) =>
        Quantity.Parse(input).ToString().ShouldBe(input);

    [Fact]
    public void Parse_BinarySuffix_KeepsBinaryFormat()
    {
        var quantity = Quantity.Parse("3Gi");

        quantity.Format.ShouldBe(QuantityFormat.BinarySI);
        quantity.Add(Quantity.Parse("1Gi")).ToString().ShouldBe("4Gi");
    }

    [Fact]
    public void ToString_BinaryValuePastEi_FallsBackToExactDecimal()
    {
        var twoToThe70 = new Quantity(BigInteger.Pow(2, 70), 0, QuantityFormat.BinarySI);

        twoToThe70.ToString().ShouldBe("1180591620717411303424");
        Quantity.Parse(twoToThe70.ToString()).ShouldBe(twoToThe70);
    }

    [Theory]
    [InlineData(2000, "2000")]
    [InlineData(-2000, "-2000")]
    public void ToString_BinaryValueNotAMultipleOf1024_PrintsPlainInteger(long value, string expected) =>
        Quantity.FromInt64(value, QuantityFormat.BinarySI).ToString().ShouldBe(expected);

    [Fact]
    public void ToString_EightEi_UsesTheEiSuffix() =>
        new Quantity(BigInteger.Pow(2, 63), 0, QuantityFormat.BinarySI).ToString().ShouldBe("8Ei");

    [Theory]
    [InlineData(1, -12, "1e-12")]
    [InlineData(1, -10, "100e-12")]
    public void ToString_DecimalBelowNano_FallsBackToExponent(long unscaled, int scale, string expected) =>
        new Quantity(unscaled, scale, QuantityFormat.DecimalSI).ToString().ShouldBe(expected);

    [Theory]
    [InlineData(1, Dec, "1")]
    [InlineData(1000, Dec, "1k")]
    [InlineData(1234000, Dec, "1234k")]
    [InlineData(1024, Bin, "1Ki")]
    [InlineData(1024 * 1024, Bin, "1Mi")]
    [InlineData(1000000, Exp, "1e6")]
    public void FromInt64_PrintsInRequestedFormat(long value, string format, string expected)
    {
        var quantity = Quantity.FromInt64(value, Enum.Parse<QuantityFormat>(format));

        quantity.ToString().ShouldBe(expected);
        Quantity.Parse(expected).Value().ShouldBe(value);
    }

    [Theory]
    [InlineData(1, Dec, "1m")]
    [InlineData(1000, Dec, "1")]
    [InlineData(1234000, Dec, "1234")]
    [InlineData(1024, Bin, "1024m")]
    [InlineData(1000000, Exp, "1e3")]
    [InlineData(1024 * 1024, Bin, "1048576m")]
    public void FromMilli_PrintsInRequestedFormat(long milli, string format, string expected) =>
        Quantity.FromMilli(milli, Enum.Parse<QuantityFormat>(format)).ToString().ShouldBe(expected);

    [Theory]
    [InlineData(1, -9, "1n")]
    [InlineData(1000, -9, "1u")]
    [InlineData(1, -6, "1u")]
    [InlineData(1000, -6, "1m")]
    [InlineData(1000, -3, "1")]
    [InlineData(0, -9, "0")]
    public void FromScaled_PrintsDecimalSI(long value, int scale, string expected)
    {
        var quantity = Quantity.FromScaled(value, scale);

        quantity.ToString().ShouldBe(expected);
        Quantity.Parse(expected).ScaledValue(scale).ShouldBe(value);
    }

    [Fact]
    public void Default_IsZeroPrintedAsZero()
    {
        default(Quantity).ToString().ShouldBe("0");
        default(Quantity).ShouldBe(Quantity.Parse("0Mi"));
    }
}
