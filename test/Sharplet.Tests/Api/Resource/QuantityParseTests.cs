using System.Numerics;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Resource;

// Cases from upstream's quantity_test.go (TestQuantityParse and friends).
public class QuantityParseTests
{
    // Formats travel as names: public test methods cannot take the internal enum.
    private const string Dec = nameof(QuantityFormat.DecimalSI);
    private const string Bin = nameof(QuantityFormat.BinarySI);
    private const string Exp = nameof(QuantityFormat.DecimalExponent);

    public static TheoryData<string, string, string> ValidInputs => new()
    {
        { "0", "0", Dec }, { "0n", "0", Dec }, { "0u", "0", Dec }, { "0m", "0", Dec },
        { "0Ki", "0", Bin }, { "0k", "0", Dec }, { "0Mi", "0", Bin }, { "0M", "0", Dec },
        { "0Gi", "0", Bin }, { "0G", "0", Dec }, { "0Ti", "0", Bin }, { "0T", "0", Dec },
        { "1", "1", Dec },
        { "1Ki", "1024", Bin }, { "8Ki", "8192", Bin }, { "7Mi", "7340032", Bin },
        { "6Gi", "6442450944", Bin }, { "5Ti", "5497558138880", Bin }, { "4Pi", "4503599627370496", Bin },
        { "3Ei", "3458764513820540928", Bin }, { "10Ti", "10995116277760", Bin }, { "100Ti", "109951162777600", Bin },
        { "5n", "0.000000005", Dec }, { "4u", "0.000004", Dec }, { "3m", "0.003", Dec }, { "9", "9", Dec },
        { "8k", "8000", Dec }, { "50k", "50000", Dec }, { "7M", "7000000", Dec }, { "6G", "6000000000", Dec },
        { "5T", "5000000000000", Dec }, { "40T", "40000000000000", Dec }, { "300T", "300000000000000", Dec },
        { "2P", "2000000000000000", Dec }, { "1E", "1000000000000000000", Dec },
        { "1E-3", "0.001", Exp }, { "1e3", "1000", Exp }, { "1E6", "1000000", Exp }, { "1e9", "1000000000", Exp },
        { "1E12", "1000000000000", Exp }, { "1e15", "1000000000000000", Exp }, { "1E18", "1000000000000000000", Exp },
        { "1e14", "100000000000000", Exp }, { "1e13", "10000000000000", Exp }, { "100.035k", "100035", Dec },
        { "0.001", "0.001", Dec }, { "0.0005k", "0.5", Dec }, { "0.005", "0.005", Dec }, { "0.05", "0.05", Dec },
        { "0.5", "0.5", Dec }, { "0.00050k", "0.5", Dec }, { "0.00500", "0.005", Dec }, { "0.05000", "0.05", Dec },
        { "0.50000", "0.5", Dec }, { "0.5e0", "0.5", Exp }, { "0.5e-1", "0.05", Exp }, { "0.5e-2", "0.005", Exp },
        { "10.035M", "10035000", Dec }, { "1.2e3", "1200", Exp }, { "1.3E+6", "1300000", Exp },
        { "1.40e9", "1400000000", Exp }, { "1.53E12", "1530000000000", Exp }, { "1.6e15", "1600000000000000", Exp },
        { "1.7E18", "1700000000000000000", Exp }, { "9.01", "9.01", Dec }, { "8.1k", "8100", Dec },
        { "7.123456M", "7123456", Dec }, { "6.987654321G", "6987654321", Dec }, { "5.444T", "5444000000000", Dec },
        { "40.1T", "40100000000000", Dec }, { "300.2T", "300200000000000", Dec }, { "2.5P", "2500000000000000", Dec },
        { "1.01E", "1010000000000000000", Dec },
        // Rounded up to the nanounit or capped at 2^63-1.
        { "3.001n", "0.000000004", Dec }, { "1.1E-9", "0.000000002", Exp }, { "0.0000000001", "0.000000001", Dec },
        { "0.0000000005", "0.000000001", Dec }, { "0.00000000050", "0.000000001", Dec }, { "0.5e-9", "0.000000001", Exp },
        { "0.9n", "0.000000001", Dec }, { "0.00000012345", "0.000000124", Dec }, { "0.00000012354", "0.000000124", Dec },
        { "9Ei", "9223372036854775807", Bin }, { "9223372036854775807Ki", "9223372036854775807", Bin },
        { "12E", "12000000000000000000", Dec },
        { "100.035Ki", "102435.84", Bin }, { "0.5Mi", "524288", Bin }, { "0.05Gi", "53687091.2", Bin },
        { "0.025Ti", "27487790694.4", Bin },
        // "Things written by trolls", still accepted upstream.
        { "0.000000000001Ki", "0.000000002", Dec }, { ".001", "0.001", Dec }, { ".0001k", "0.1", Dec },
        { "1.", "1", Dec }, { "1.G", "1000000000", Dec },
    };

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void Parse_UpstreamTable_GivesExactValueAndFormat(string input, string value, string format)
    {
        var quantity = Quantity.Parse(input);

        quantity.ShouldBe(Exact(value));
        quantity.Format.ShouldBe(Enum.Parse<QuantityFormat>(format));
    }

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void Parse_WithMinusSign_GivesNegatedValueAndSameFormat(string input, string value, string format)
    {
        var quantity = Quantity.Parse("-" + input);

        quantity.ShouldBe(Exact(value).Negate());
        quantity.Format.ShouldBe(Enum.Parse<QuantityFormat>(format));
    }

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void Parse_WithPlusSign_GivesSameValueAndFormat(string input, string value, string format)
    {
        var quantity = Quantity.Parse("+" + input);

        quantity.ShouldBe(Exact(value));
        quantity.Format.ShouldBe(Enum.Parse<QuantityFormat>(format));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.1.M")]
    [InlineData("1+1.0M")]
    [InlineData("0.1mi")]
    [InlineData("0.1am")]
    [InlineData("aoeu")]
    [InlineData(".5i")]
    [InlineData("1i")]
    [InlineData("-3.01i")]
    [InlineData("-3.01e-")]
    [InlineData("1e4294967297")]
    [InlineData("1E-2147483648")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1ki")]
    [InlineData("1K")]
    [InlineData("1e")]
    public void Parse_InvalidText_ThrowsFormatExceptionNamingIt(string input)
    {
        var ex = Should.Throw<FormatException>(() => Quantity.Parse(input));

        ex.Message.ShouldContain($"'{input}'");
        Quantity.TryParse(input, out _).ShouldBeFalse();
    }

    [Fact]
    public void Parse_UnknownSuffix_SaysTheSuffixIsWrong() =>
        Should.Throw<FormatException>(() => Quantity.Parse("5mi")).Message.ShouldContain("unable to parse quantity's suffix");

    [Fact]
    public void Parse_HugeExponent_StaysExactWithoutExpanding()
    {
        var huge = Quantity.Parse("1e2147483647");

        // 2147483647 is not a multiple of 3, so the canonical form moves one digit into the mantissa.
        huge.ToString().ShouldBe("10e2147483646");
        (huge > Quantity.Parse("999E")).ShouldBeTrue();
        huge.Value().ShouldBe(long.MaxValue);
    }

    [Fact]
    public void Parse_TinyExponent_RoundsUpToOneNano()
    {
        var tiny = Quantity.Parse("1e-2147483647");

        tiny.ShouldBe(Quantity.FromScaled(1, -9));
        tiny.ToString().ShouldBe("1e-9");
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse() => Quantity.TryParse(null, out _).ShouldBeFalse();

    /// <summary>An exact quantity from a plain decimal literal such as "0.005".</summary>
    internal static Quantity Exact(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? value : value.Remove(dot, 1);
        var scale = dot < 0 ? 0 : -(value.Length - dot - 1);
        return new Quantity(BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), scale, QuantityFormat.DecimalSI);
    }
}
