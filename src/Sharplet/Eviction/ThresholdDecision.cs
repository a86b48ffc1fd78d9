namespace Sharplet.Eviction;

// One pass's outcome: the thresholds that drive eviction now (memory first), the pressure conditions that hold,
// and the configured signals that had no figure (logged; they cause no action).
internal sealed record ThresholdDecision(IReadOnlyList<Threshold> Acting, IReadOnlySet<string> Conditions, IReadOnlyList<string> MissingSignals);
