using System.Globalization;
using Sharplet.Api;
using Sharplet.Util;

namespace Sharplet.Eviction;

// Upstream's ParseThresholdConfig: evictionHard and evictionSoft entries, each soft one with its
// evictionSoftGracePeriod, evictionMinimumReclaim on whichever threshold has the signal. With
// enforceNodeAllocatable "pods" the hard memory.available threshold also applies to allocatableMemory.available
// (the pods' own cgroup). Every error names the field and the signal.
internal static class ThresholdConfig
{
    public static IReadOnlyList<Threshold> Parse(
        IReadOnlyDictionary<string, string> hard,
        IReadOnlyDictionary<string, string> soft,
        IReadOnlyDictionary<string, string> softGracePeriod,
        IReadOnlyDictionary<string, string> minimumReclaim,
        bool enforcePodsAllocatable)
    {
        var reclaims = new Dictionary<string, ThresholdValue>(StringComparer.Ordinal);
        foreach (var (signal, text) in minimumReclaim)
        {
            reclaims[Signal("evictionMinimumReclaim", signal)] = Value("evictionMinimumReclaim", signal, text);
        }

        var result = new List<Threshold>();
        foreach (var (signal, text) in hard)
        {
            result.Add(new Threshold(Signal("evictionHard", signal), Value("evictionHard", signal, text), TimeSpan.Zero, Reclaim(reclaims, signal)));
        }

        foreach (var (signal, text) in soft)
        {
            var value = Value("evictionSoft", Signal("evictionSoft", signal), text);
            if (!softGracePeriod.TryGetValue(signal, out var periodText))
            {
                throw new ConfigException($"evictionSoftGracePeriod: grace period must be specified for the soft eviction threshold {signal}");
            }

            if (!GoDuration.TryParse(periodText, out var period) || period <= TimeSpan.Zero)
            {
                throw new ConfigException($"evictionSoftGracePeriod {signal}: \"{periodText}\" is not a positive duration (e.g. 1m30s)");
            }

            result.Add(new Threshold(signal, value, period, Reclaim(reclaims, signal)));
        }

        foreach (var signal in softGracePeriod.Keys.Where(s => !soft.ContainsKey(s)))
        {
            throw new ConfigException($"evictionSoftGracePeriod {signal}: there is no evictionSoft threshold for this signal");
        }

        if (enforcePodsAllocatable)
        {
            result.AddRange(result.Where(t => t.Signal == EvictionSignals.MemoryAvailable && t.IsHard).ToList()
                .Select(t => t with { Signal = EvictionSignals.AllocatableMemoryAvailable }));
        }

        return result;
    }

    private static ThresholdValue? Reclaim(Dictionary<string, ThresholdValue> reclaims, string signal) =>
        reclaims.TryGetValue(signal, out var value) ? value : null;

    private static string Signal(string field, string signal) =>
        EvictionSignals.IsKnown(signal) && signal != EvictionSignals.AllocatableMemoryAvailable
            ? signal
            : throw new ConfigException($"{field}: unsupported eviction signal {signal}");

    private static ThresholdValue Value(string field, string signal, string text)
    {
        var value = text.Trim();
        if (value.EndsWith('%'))
        {
            return double.TryParse(value.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100
                ? new ThresholdValue(null, percent)
                : throw new ConfigException($"{field} {signal}: \"{text}\" is not a percentage between 0% and 100%");
        }

        return Quantity.TryParse(value, out var quantity) && quantity.Sign >= 0
            ? new ThresholdValue(quantity.Value(), 0)
            : throw new ConfigException($"{field} {signal}: \"{text}\" is not a quantity or a percentage");
    }
}
