using Sharplet.Util;

namespace Sharplet.Tests.Util;

public sealed class GoDurationTests
{
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
