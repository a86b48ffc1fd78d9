namespace Sharplet.Prober;

// What one turn of a probe worker must do, decided from the pod's latest status: cache writes first, then
// run the probe or not, and whether the worker keeps going afterwards.
internal sealed record ProbeStep(bool KeepGoing, bool RunProbe, IReadOnlyList<ResultWrite> Writes)
{
    public static ProbeStep Wait(IReadOnlyList<ResultWrite> writes) => new(true, false, writes);

    public static ProbeStep Stop(IReadOnlyList<ResultWrite> writes) => new(false, false, writes);

    public static ProbeStep Probe(IReadOnlyList<ResultWrite> writes) => new(true, true, writes);
}
