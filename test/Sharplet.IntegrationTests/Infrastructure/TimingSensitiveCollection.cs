namespace Sharplet.IntegrationTests.Infrastructure;

// Tests that assert a schedule of real seconds against the real runtime run alone, after the parallel ones: under
// the suite's own load (eviction tests filling memory and disk, the hostile-manifest agent) containerd took ~3 s
// more per container restart, so a crash loop's 4 s cycle passed the 8 s after which upstream's back-off resets
// (2x the cap), and the schedule the test asserts legitimately changed (clean-clone CI, 2026-12-08: gaps of 7.06
// and 7.96 s for a 4 s delay). Alone it measures what Sharplet chose, not how loaded the machine was.
[CollectionDefinition(nameof(TimingSensitiveCollection), DisableParallelization = true)]
public sealed class TimingSensitiveCollection;
