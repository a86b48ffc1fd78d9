namespace Sharplet.Logs;

// What one rotation does to the rotated files before renaming the current log: remove Unused (leftovers) and
// Excess (oldest beyond the file limit), compress Compress; Kept is what remains, oldest first.
internal sealed record RotationPlan(IReadOnlyList<string> Unused, IReadOnlyList<string> Excess, IReadOnlyList<string> Compress, IReadOnlyList<string> Kept);
