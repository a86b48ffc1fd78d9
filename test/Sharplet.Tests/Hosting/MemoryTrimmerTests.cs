using Sharplet.Hosting;

namespace Sharplet.Tests.Hosting;

public sealed class MemoryTrimmerTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void SlackBelowTheThreshold_IsNotTrimmed() =>
        MemoryTrimmer.ShouldTrim(committedBytes: 10 * MiB, heapBytes: 7 * MiB, slackAfterLastTrim: 0).ShouldBeFalse();

    [Fact]
    public void SlackAtTheThreshold_IsTrimmed() =>
        MemoryTrimmer.ShouldTrim(committedBytes: 11 * MiB, heapBytes: 7 * MiB, slackAfterLastTrim: 0).ShouldBeTrue();

    [Fact]
    public void SlackThatATrimCouldNotReturn_DoesNotTrimAgainUntilItGrows()
    {
        // After a trim 5 MiB stayed unused (the gen0 budget, pinned regions): the same slack is not trimmed again.
        MemoryTrimmer.ShouldTrim(committedBytes: 12 * MiB, heapBytes: 7 * MiB, slackAfterLastTrim: 5 * MiB).ShouldBeFalse();
        MemoryTrimmer.ShouldTrim(committedBytes: 16 * MiB, heapBytes: 7 * MiB, slackAfterLastTrim: 5 * MiB).ShouldBeTrue();
    }
}
