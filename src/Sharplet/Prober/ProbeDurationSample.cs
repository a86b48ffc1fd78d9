namespace Sharplet.Prober;

// The response times of one container's probe of one kind: per-bucket counts (not cumulative), sum and count.
internal sealed record ProbeDurationSample(string ProbeType, string Container, string Pod, string Namespace, long[] BucketCounts, double Sum, long Count)
{
    public static ProbeDurationSample First(string type, string container, string pod, string @namespace, double seconds, IReadOnlyList<double> bounds) =>
        new ProbeDurationSample(type, container, pod, @namespace, new long[bounds.Count], 0, 0).With(seconds, bounds);

    // A new sample with one more observation (the old one is left as it was: snapshots stay consistent).
    public ProbeDurationSample With(double seconds, IReadOnlyList<double> bounds)
    {
        var counts = (long[])BucketCounts.Clone();
        for (var i = 0; i < bounds.Count; i++)
        {
            if (seconds <= bounds[i])
            {
                counts[i]++;
                break;
            }
        }

        return this with { BucketCounts = counts, Sum = Sum + seconds, Count = Count + 1 };
    }
}
