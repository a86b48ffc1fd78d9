namespace Sharplet.Eviction;

// Upstream's synchronize bookkeeping, without I/O: which thresholds are met (a met threshold stays met until its
// signal climbs past value + minimum reclaim), since when (a soft threshold acts only after its grace period),
// which pressure conditions hold (each stays for evictionPressureTransitionPeriod after it was last seen), and
// which met thresholds drive eviction now (grace period over and a fresh figure since the last pass, memory
// first). Called by one loop; Conditions is read by admission and node status from other threads.
internal sealed class ThresholdTracker(IReadOnlyList<Threshold> thresholds, TimeSpan transitionPeriod)
{
    private Dictionary<Threshold, DateTimeOffset> firstObservedAt = [];
    private Dictionary<string, DateTimeOffset> conditionsLastObservedAt = new(StringComparer.Ordinal);
    private List<Threshold> met = [];
    private IReadOnlyDictionary<string, SignalObservation> lastObservations = new Dictionary<string, SignalObservation>(StringComparer.Ordinal);
    private volatile IReadOnlySet<string> conditions = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<Threshold> Thresholds => thresholds;

    public IReadOnlySet<string> Conditions => conditions;

    public ThresholdDecision Observe(IReadOnlyDictionary<string, SignalObservation> observations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var crossed = Met(thresholds, observations, enforceMinReclaim: false).ToList();
        foreach (var unresolved in Met(met, observations, enforceMinReclaim: true))
        {
            if (!crossed.Contains(unresolved))
            {
                crossed.Add(unresolved);
            }
        }

        firstObservedAt = crossed.ToDictionary(t => t, t => firstObservedAt.TryGetValue(t, out var at) ? at : now);

        var lastSeen = new Dictionary<string, DateTimeOffset>(conditionsLastObservedAt, StringComparer.Ordinal);
        foreach (var condition in crossed.Select(t => EvictionSignals.ConditionOf(t.Signal)).OfType<string>())
        {
            lastSeen[condition] = now;
        }

        conditionsLastObservedAt = lastSeen.Where(p => now - p.Value < transitionPeriod).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        conditions = conditionsLastObservedAt.Keys.ToHashSet(StringComparer.Ordinal);

        met = firstObservedAt.Where(p => now - p.Value >= p.Key.GracePeriod).Select(p => p.Key).ToList();
        var fresh = met.Where(t => observations.TryGetValue(t.Signal, out var o)
            && (!lastObservations.TryGetValue(t.Signal, out var last) || o.Time > last.Time)).ToList();
        lastObservations = observations;

        var missing = thresholds.Select(t => t.Signal).Where(s => !observations.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToList();

        // Upstream's byEvictionPriority: memory before everything else.
        var acting = fresh.OrderBy(t => EvictionSignals.IsMemory(t.Signal) ? 0 : 1).ToList();
        return new ThresholdDecision(acting, conditions, missing);
    }

    // The thresholds whose signal is below the value (plus minimum reclaim when enforced). A signal that was not
    // observed meets nothing: no figure, no action.
    public static IEnumerable<Threshold> Met(IEnumerable<Threshold> candidates, IReadOnlyDictionary<string, SignalObservation> observations, bool enforceMinReclaim) =>
        candidates.Where(t => observations.TryGetValue(t.Signal, out var observed) && t.IsMet(observed, enforceMinReclaim));
}
