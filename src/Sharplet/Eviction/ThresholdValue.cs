namespace Sharplet.Eviction;

// A threshold's value: an absolute amount ("100Mi", "1000") or a fraction of the signal's capacity ("10%").
internal readonly record struct ThresholdValue(long? Amount, double Percentage)
{
    // Upstream GetThresholdQuantity: the percentage is of the capacity observed with the signal.
    public long QuantityFor(long capacity) => Amount ?? (long)(capacity * Percentage / 100);

    public override string ToString() =>
        Amount is { } a ? a.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Percentage.ToString(System.Globalization.CultureInfo.InvariantCulture)}%";
}
