using Sharplet.Certificate;

namespace Sharplet.Tests.Certificate;

public sealed class RotationDeadlineTests
{
    private static readonly DateTimeOffset NotBefore = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = NotBefore.AddHours(100);

    [Theory]
    [InlineData(0.0, 70)]
    [InlineData(0.5, 80)]
    [InlineData(0.999999, 90)]
    public void Deadline_IsSeventyToNinetyPercentOfTheLife(double random, double percent) =>
        RotationDeadline.Next(NotBefore, NotAfter, random).ShouldBe(NotBefore.AddHours(percent), TimeSpan.FromSeconds(1));

    [Fact]
    public void Deadlines_OfManyNodes_SpreadOverTheWholeWindow()
    {
        var random = new Random(7);
        var deadlines = Enumerable.Range(0, 1000).Select(_ => (RotationDeadline.Next(NotBefore, NotAfter, random.NextDouble()) - NotBefore).TotalHours).ToList();

        deadlines.ShouldAllBe(h => h >= 70 && h < 90);
        deadlines.Min().ShouldBeLessThan(71);
        deadlines.Max().ShouldBeGreaterThan(89);
    }
}
