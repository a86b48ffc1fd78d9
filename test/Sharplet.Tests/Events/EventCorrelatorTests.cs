using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.Events;

namespace Sharplet.Tests.Events;

public sealed class EventCorrelatorTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly EventCorrelator correlator;

    public EventCorrelatorTests() => correlator = new EventCorrelator(new EventCorrelatorOptions(), time);

    private static readonly Pod PodA = new() { Metadata = new ObjectMeta { Name = "a", Namespace = "ns", Uid = "uid-a" } };

    private Event Make(string reason, string message, Pod? pod = null) =>
        EventFactory.Make(pod ?? PodA, EventTypes.Warning, reason, message, "spec.containers{c}", "node-1", time.GetUtcNow());

    [Fact]
    public void Make_IsAboutThePodFromKubeletOnThisHost()
    {
        var e = Make(EventReasons.BackOff, "Back-off");

        e.Metadata!.Name.ShouldStartWith("a.");
        e.Metadata.Namespace.ShouldBe("ns");
        (e.InvolvedObject!.Kind, e.InvolvedObject.Uid, e.InvolvedObject.ApiVersion, e.InvolvedObject.FieldPath).ShouldBe(("Pod", "uid-a", "v1", "spec.containers{c}"));
        (e.Source!.Component, e.Source.Host, e.Count).ShouldBe(("kubelet", "node-1", (int?)1));
    }

    [Fact]
    public void Repeat_OfTheSameEvent_CountsOnTheFirstOnesName()
    {
        var first = correlator.Correlate(Make("BackOff", "Back-off restarting"));
        correlator.Written(first.Key, first.Event!);
        time.Advance(TimeSpan.FromSeconds(7));

        var second = correlator.Correlate(Make("BackOff", "Back-off restarting"));

        first.IsRepeat.ShouldBeFalse();
        second.IsRepeat.ShouldBeTrue();
        second.Event!.Count.ShouldBe(2);
        second.Event.Metadata!.Name.ShouldBe(first.Event!.Metadata!.Name);
        second.Event.FirstTimestamp.ShouldBe(first.Event.FirstTimestamp);
        second.Event.LastTimestamp.ShouldBe(first.Event.LastTimestamp!.Value.AddSeconds(7));
    }

    [Fact]
    public void TenDifferentMessagesForOneReason_AreCombined()
    {
        var results = Enumerable.Range(0, 12).Select(i => correlator.Correlate(Make("Failed", $"error {i}"))).ToList();

        results.Take(9).ShouldAllBe(r => !r.Event!.Message!.StartsWith("(combined", StringComparison.Ordinal));
        results[9].Event!.Message.ShouldBe("(combined from similar events): error 9");
        results[9].IsRepeat.ShouldBeFalse();
        results[11].IsRepeat.ShouldBeTrue();
        results[11].Event!.Count.ShouldBe(3);
        results[11].Event!.Message.ShouldBe("(combined from similar events): error 11");
    }

    [Fact]
    public void AggregationWindow_StartsAgainAfterTenMinutes()
    {
        for (var i = 0; i < 9; i++)
        {
            correlator.Correlate(Make("Failed", $"error {i}"));
        }

        time.Advance(TimeSpan.FromMinutes(11));

        correlator.Correlate(Make("Failed", "error 9")).Event!.Message.ShouldBe("error 9");
    }

    [Fact]
    public void SpamFilter_AllowsABurstOf25PerObject_ThenOneEveryFiveMinutes()
    {
        var passed = Enumerable.Range(0, 30).Count(i => !correlator.Correlate(Make($"Reason{i}", "m")).Skip);
        var otherPod = correlator.Correlate(Make("Reason0", "m", new Pod { Metadata = new ObjectMeta { Name = "b", Namespace = "ns", Uid = "uid-b" } }));
        time.Advance(TimeSpan.FromMinutes(5));
        var afterRefill = correlator.Correlate(Make("Later", "m"));

        passed.ShouldBe(25);
        otherPod.Skip.ShouldBeFalse("the filter is per object");
        afterRefill.Skip.ShouldBeFalse();
    }
}
