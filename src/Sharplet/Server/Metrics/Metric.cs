using System.Collections.Concurrent;

namespace Sharplet.Server.Metrics;

// One metric family with fixed label names: counters and gauges hold a value per label set, histograms
// their buckets. Thread-safe; series are written in a stable (sorted) order.
internal sealed class Metric
{
    private readonly ConcurrentDictionary<LabelKey, Series> series = new();

    public Metric(string name, string help, MetricType type, IReadOnlyList<string> labelNames, IReadOnlyList<double>? buckets = null)
    {
        Name = name;
        Help = help;
        Type = type;
        LabelNames = labelNames;
        Buckets = buckets ?? [];

        // As client_golang's plain (unlabelled) metrics: the one series exists, at zero, before anything happens.
        if (labelNames.Count == 0)
        {
            series[new LabelKey([])] = new Series(Buckets.Count);
        }
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<string> LabelNames { get; }

    public IReadOnlyList<double> Buckets { get; }

    public void Add(double delta, params string[] labels) => Get(labels).Add(delta);

    public void Set(double value, params string[] labels) => Get(labels).Set(value);

    public void Observe(double value, params string[] labels) => Get(labels).Observe(value, Buckets);

    public void Remove(params string[] labels) => series.TryRemove(new LabelKey(labels), out _);

    public void Clear() => series.Clear();

    public void WriteTo(ExpositionWriter writer)
    {
        writer.Family(Name, Help, Type);
        foreach (var (key, s) in series.OrderBy(s => s.Key.Joined, StringComparer.Ordinal))
        {
            if (Type != MetricType.Histogram)
            {
                writer.Sample(Name, LabelNames, key.Values, s.Value);
                continue;
            }

            var (counts, sum, count) = s.HistogramSnapshot(Buckets.Count);
            long cumulative = 0;
            for (var i = 0; i < Buckets.Count; i++)
            {
                cumulative += counts[i];
                writer.Sample(Name + "_bucket", LabelNames, key.Values, cumulative, extraName: "le", extraValue: ExpositionWriter.Format(Buckets[i]));
            }

            writer.Sample(Name + "_bucket", LabelNames, key.Values, count, extraName: "le", extraValue: "+Inf");
            writer.Sample(Name + "_sum", LabelNames, key.Values, sum);
            writer.Sample(Name + "_count", LabelNames, key.Values, count);
        }
    }

    private Series Get(string[] labels)
    {
        if (labels.Length != LabelNames.Count)
        {
            throw new ArgumentException($"{Name} takes {LabelNames.Count} labels, got {labels.Length}", nameof(labels));
        }

        return series.GetOrAdd(new LabelKey(labels), _ => new Series(Buckets.Count));
    }

    private sealed class Series(int buckets)
    {
        private readonly long[] counts = new long[buckets];
        private readonly Lock gate = new();
        private double value;
        private double sum;
        private long count;

        public double Value
        {
            get
            {
                lock (gate)
                {
                    return value;
                }
            }
        }

        public void Add(double delta)
        {
            lock (gate)
            {
                value += delta;
            }
        }

        public void Set(double v)
        {
            lock (gate)
            {
                value = v;
            }
        }

        public void Observe(double v, IReadOnlyList<double> bounds)
        {
            lock (gate)
            {
                for (var i = 0; i < bounds.Count; i++)
                {
                    if (v <= bounds[i])
                    {
                        counts[i]++;
                        break;
                    }
                }

                sum += v;
                count++;
            }
        }

        public (long[] Counts, double Sum, long Count) HistogramSnapshot(int n)
        {
            lock (gate)
            {
                return ((long[])counts.Clone(), sum, count);
            }
        }
    }

    private readonly record struct LabelKey(string[] Values)
    {
        public string Joined => string.Join('\u0001', Values);

        public bool Equals(LabelKey other) => Values.AsSpan().SequenceEqual(other.Values);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var v in Values)
            {
                hash.Add(v, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
