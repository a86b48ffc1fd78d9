namespace Sharplet.Eviction;

// One eviction threshold (upstream evictionapi.Threshold, operator LessThan): the signal is met when what is
// available drops below the value. A hard threshold has no grace period; a soft one must stay met for its grace
// period before it drives eviction. MinReclaim is how far above the value the signal must climb before a met
// threshold counts as resolved.
internal sealed record Threshold(string Signal, ThresholdValue Value, TimeSpan GracePeriod, ThresholdValue? MinReclaim)
{
    public bool IsHard => GracePeriod == TimeSpan.Zero;

    public bool IsMet(SignalObservation observed, bool enforceMinReclaim)
    {
        var quantity = Value.QuantityFor(observed.Capacity);
        if (enforceMinReclaim && MinReclaim is { } reclaim)
        {
            quantity += reclaim.QuantityFor(observed.Capacity);
        }

        return quantity > observed.Available;
    }
}
