using Sharplet.Util;

namespace Sharplet.Tests.Util;

// Go's time.ParseDuration, as the kubelet's flags and config file use it.
public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0s", 0L)]
    [InlineData("10s", 10_000_000L * 10)]
    [InlineData("1m30s", 10_000_000L * 90)]
    [InlineData("2h", 10_000_000L * 7200)]
    [InlineData("1.5s", 15_000_000L)]
    [InlineData("300ms", 3_000_000L)]
    [InlineData("250us", 2_500L)]
    [InlineData("250µs", 2_500L)]
    [InlineData("1500ns", 15L)]
    [InlineData("1h2m3s4ms", (3723L * 1000 + 4) * 10_000)]
    [InlineData("-5s", -50_000_000L)]
    [InlineData("+5s", 50_000_000L)]
    [InlineData(" 5s ", 50_000_000L)]
    public void Valid(string text, long ticks)
    {
        GoDuration.TryParse(text, out var value).ShouldBeTrue(text);
        value.Ticks.ShouldBe(ticks, text);
        GoDuration.Parse(text).ShouldBe(value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("10x")]
    [InlineData("1.2.3s")]
    [InlineData("1d")]
    [InlineData("5 s")]
    [InlineData("1h-5m")]
    public void Invalid(string? text)
    {
        GoDuration.TryParse(text, out _).ShouldBeFalse(text);
    }

    [Fact]
    public void Parse_InvalidText_SaysWhatIsExpected()
    {
        Should.Throw<FormatException>(() => GoDuration.Parse("soon")).Message.ShouldBe("invalid duration \"soon\" (expected e.g. 10s, 1m30s, 500ms)");
    }

    // Expected texts are what Go's time.Duration.String() prints for the same values.
    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(5L, "500ns")]
    [InlineData(15_000L, "1.5ms")]
    [InlineData(5_000_000L, "500ms")]
    [InlineData(10_000_000L, "1s")]
    [InlineData(15_000_000L, "1.5s")]
    [InlineData(600_000_000L, "1m0s")]
    [InlineData(900_000_000L, "1m30s")]
    [InlineData(36_000_000_000L, "1h0m0s")]
    [InlineData(37_230_000_000L, "1h2m3s")]
    [InlineData(-15_000_000L, "-1.5s")]
    public void Format_PrintsWhatGoPrints(long ticks, string expected) =>
        GoDuration.Format(TimeSpan.FromTicks(ticks)).ShouldBe(expected);

    [Theory]
    [InlineData("1m30s")]
    [InlineData("500ms")]
    [InlineData("2h0m0s")]
    public void Format_RoundTripsThroughParse(string text) =>
        GoDuration.Format(GoDuration.Parse(text)).ShouldBe(text);
}
