using System.Numerics;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Resource;

// Cases from upstream's TestQuantityCmp, TestQuantityCmpInt64AndDec, TestAdd, TestSub,
// TestScaledValue and TestNegativeValueRoundsAwayFromZero.
public class QuantityArithmeticTests
{
    // Formats travel as names: public test methods cannot take the internal enum.
    private const string Dec = nameof(QuantityFormat.DecimalSI);
    private const string Bin = nameof(QuantityFormat.BinarySI);

    [Theory]
    [InlineData("0", "0", 0)]
    [InlineData("100m", "50m", 1)]
    [InlineData("50m", "100m", -1)]
    [InlineData("10000T", "100Gi", 1)]
    [InlineData("1000m", "1", 0)]
    [InlineData("1Ki", "1024", 0)]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("-1", "1m", -1)]
    [InlineData("1e-9", "1n", 0)]
    public void CompareTo_ParsedValues_OrdersByValue(string left, string right, int expected)
    {
        var x = Quantity.Parse(left);
        var y = Quantity.Parse(right);

        Math.Sign(x.CompareTo(y)).ShouldBe(expected);
        Math.Sign(y.CompareTo(x)).ShouldBe(-expected);
        (x == y).ShouldBe(expected == 0);
        (x < y).ShouldBe(expected < 0);
        (x >= y).ShouldBe(expected >= 0);
    }

    public static TheoryData<long, int, long, int, int> ScaledComparisons => new()
    {
        { 901, -2, 901, -2, 0 }, { 90, -1, 901, -2, -1 }, { 901, -2, 900, -2, 1 }, { 0, 1, 0, -1, 0 },
        { 800, -3, 1, 0, -1 }, { 800, -3, 79, -2, 1 },
        { long.MaxValue, 0, 1, -1, 1 }, { long.MaxValue, 1, 1, 0, 1 }, { long.MaxValue, 1, 1, 1, 1 },
        { long.MaxValue, 1, 0, 1, 1 }, { long.MaxValue, -16, 1, 3, -1 },
        { long.MinValue, 0, 0, 0, -1 }, { long.MinValue, -18, -1, 0, -1 }, { long.MinValue, -19, -1, 0, 1 },
        { 1000000000000000000, -17, 1, 1, 0 }, { 1000000000000000000, -17, -10, 0, 1 },
        { -1000000000000000000, -17, -10, 0, 0 }, { 1000000000000000000, -17, 1, 0, 1 },
        { 1000000000000000001, -17, 1, 1, 1 }, { 999999999999999999, -17, 1, 1, -1 },
    };

    [Theory]
    [MemberData(nameof(ScaledComparisons))]
    public void CompareTo_UpstreamScaledTable_IsExact(long a, int aScale, long b, int bScale, int expected)
    {
        var x = new Quantity(a, aScale, QuantityFormat.DecimalSI);
        var y = new Quantity(b, bScale, QuantityFormat.DecimalSI);

        Math.Sign(x.CompareTo(y)).ShouldBe(expected);
        Math.Sign(y.CompareTo(x)).ShouldBe(-expected);
    }

    [Fact]
    public void Equals_SameValueDifferentSpelling_AreEqualWithEqualHashes()
    {
        var milli = Quantity.Parse("1000m");
        var one = Quantity.Parse("1");

        milli.ShouldBe(one);
        milli.GetHashCode().ShouldBe(one.GetHashCode());
        Quantity.Parse("1Ki").GetHashCode().ShouldBe(Quantity.Parse("1024").GetHashCode());
        new HashSet<Quantity> { milli, one, Quantity.Parse("1e0") }.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(10, 0, Dec, 1, 1, Dec, "20")]
    [InlineData(10, 0, Dec, 1, 0, Bin, "11")]
    [InlineData(10, 0, Bin, 1, 0, Dec, "11")]
    [InlineData(0, 0, Dec, 50, 0, Dec, "50")]
    [InlineData(50, 0, Dec, 0, 0, Dec, "50")]
    [InlineData(0, 0, Dec, 0, 0, Dec, "0")]
    public void Add_UpstreamTable_IsExact(long a, int aScale, string aFormat, long b, int bScale, string bFormat, string expected) =>
        new Quantity(a, aScale, Enum.Parse<QuantityFormat>(aFormat)).Add(new Quantity(b, bScale, Enum.Parse<QuantityFormat>(bFormat))).ShouldBe(Quantity.Parse(expected));

    [Theory]
    [InlineData(10, 0, Dec, 1, 1, Dec, "0")]
    [InlineData(10, 0, Dec, 1, 0, Bin, "9")]
    [InlineData(10, 0, Bin, 1, 0, Dec, "9")]
    [InlineData(0, 0, Dec, 50, 0, Dec, "-50")]
    [InlineData(50, 0, Dec, 0, 0, Dec, "50")]
    public void Subtract_UpstreamTable_IsExact(long a, int aScale, string aFormat, long b, int bScale, string bFormat, string expected) =>
        new Quantity(a, aScale, Enum.Parse<QuantityFormat>(aFormat)).Subtract(new Quantity(b, bScale, Enum.Parse<QuantityFormat>(bFormat))).ShouldBe(Quantity.Parse(expected));

    [Theory]
    [InlineData("100m")]
    [InlineData("1Gi")]
    public void AddOrSubtractZero_PreservesSuffixEitherWay(string text)
    {
        var value = Quantity.Parse(text);
        var zero = Quantity.Parse("0");

        (value + zero).ToString().ShouldBe(text);
        (zero + value).ToString().ShouldBe(text);
        (value - zero).ToString().ShouldBe(text);
        (zero - value).ToString().ShouldBe("-" + text);
    }

    [Fact]
    public void Add_MixedSuffixes_KeepsReceiverFormat()
    {
        (Quantity.Parse("500m") + Quantity.Parse("1")).ToString().ShouldBe("1500m");
        (Quantity.Parse("1Gi") + Quantity.Parse("512Mi")).ToString().ShouldBe("1536Mi");
        (Quantity.Parse("1G") + Quantity.Parse("1Ki")).ToString().ShouldBe("1000001024");
        (Quantity.Parse("1Gi") - Quantity.Parse("1Gi")).ToString().ShouldBe("0");
    }

    [Fact]
    public void Add_ManyRandomValues_SubtractingThemAgainGivesZero()
    {
        var random = new Random(42);
        var total = Quantity.Zero;
        var values = Enumerable.Range(0, 100).Select(_ => Quantity.FromScaled(random.NextInt64(), random.Next(-10, 10))).ToList();
        values.ForEach(v => total += v);
        values.ForEach(v => total -= v);

        total.IsZero.ShouldBeTrue();
    }

    [Fact]
    public void Negate_PrintsNegativeCanonicalForm()
    {
        new Quantity(901, -2, QuantityFormat.DecimalSI).Negate().ToString().ShouldBe("-9010m");
        (-Quantity.Parse("1Ki")).ToString().ShouldBe("-1Ki");
        new Quantity(long.MinValue, 0, QuantityFormat.DecimalSI).Negate().ToString().ShouldBe("9223372036854775808");
    }

    [Fact]
    public void Add_ScalesTooFarApart_ThrowsOverflowInsteadOfExhaustingMemory() =>
        Should.Throw<OverflowException>(() => Quantity.Parse("1e100000") + Quantity.Parse("1"));

    [Theory]
    [InlineData("-.484785E-7466", -1, -1)]
    [InlineData(".484785E-7466", 1, 1)]
    [InlineData("-.484785E-1", -1, -49)]
    [InlineData(".484785E-1", 1, 49)]
    [InlineData("-0.0005", -1, -1)]
    [InlineData("0.0005", 1, 1)]
    [InlineData("-1500m", -2, -1500)]
    [InlineData("1500m", 2, 1500)]
    [InlineData("-9.5000000001Gi", -10200547329, -10200547328108)]
    [InlineData("9.5000000001Gi", 10200547329, 10200547328108)]
    [InlineData("-1", -1, -1000)]
    [InlineData("1", 1, 1000)]
    [InlineData("0", 0, 0)]
    [InlineData("100m", 1, 100)]
    [InlineData("1n", 1, 1)]
    [InlineData("128Mi", 134217728, 134217728000)]
    public void ValueAndMilliValue_RoundAwayFromZero(string text, long value, long milli)
    {
        var quantity = Quantity.Parse(text);

        quantity.Value().ShouldBe(value);
        quantity.MilliValue().ShouldBe(milli);
    }

    [Theory]
    [InlineData(-9, -9, 1)]
    [InlineData(-9, -6, 1)]
    [InlineData(-9, -3, 1)]
    [InlineData(-9, 0, 1)]
    [InlineData(-6, -9, 1000)]
    [InlineData(-6, -6, 1)]
    [InlineData(-6, -3, 1)]
    [InlineData(-6, 0, 1)]
    [InlineData(-3, -9, 1000 * 1000)]
    [InlineData(-3, -6, 1000)]
    [InlineData(-3, -3, 1)]
    [InlineData(-3, 0, 1)]
    [InlineData(0, -9, 1000 * 1000 * 1000)]
    [InlineData(0, -6, 1000 * 1000)]
    [InlineData(0, -3, 1000)]
    [InlineData(0, 0, 1)]
    [InlineData(2, -2, 100 * 100)]
    public void ScaledValue_OneAtScale_ConvertsWithCeiling(int fromScale, int toScale, long expected) =>
        Quantity.FromScaled(1, fromScale).ScaledValue(toScale).ShouldBe(expected);

    [Fact]
    public void MilliValue_TooLarge_Saturates()
    {
        Quantity.Parse("9Ei").MilliValue().ShouldBe(long.MaxValue);
        Quantity.Parse("-100E").Value().ShouldBe(long.MinValue);
    }

    [Fact]
    public void Parse_BinaryAboveInt64_IsCappedAtMaxInt64()
    {
        Quantity.Parse("9Ei").ShouldBe(new Quantity(long.MaxValue, 0, QuantityFormat.BinarySI));
        Quantity.Parse("-9Ei").ShouldBe(new Quantity(-long.MaxValue, 0, QuantityFormat.BinarySI));
        Quantity.Parse("12E").ShouldBe(new Quantity(BigInteger.Parse("12000000000000000000", System.Globalization.CultureInfo.InvariantCulture), 0, QuantityFormat.DecimalSI));
    }
}
