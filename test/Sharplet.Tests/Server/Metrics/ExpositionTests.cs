using Sharplet.Server.Metrics;

namespace Sharplet.Tests.Server.Metrics;

// The Prometheus text the metrics endpoints write: families, escaped labels, cumulative histogram buckets.
public sealed class ExpositionTests
{
    [Fact]
    public void Counter_WritesHelpTypeAndSortedSeries()
    {
        var m = new Metric("x_total", "Things.", MetricType.Counter, ["op"]);
        m.Add(2, "b");
        m.Add(1, "a");
        m.Add(1, "a");
        var w = new ExpositionWriter();
        m.WriteTo(w);

        w.ToString().ShouldBe("# HELP x_total Things.\n# TYPE x_total counter\nx_total{op=\"a\"} 2\nx_total{op=\"b\"} 2\n");
    }

    [Fact]
    public void Histogram_BucketsAreCumulative_WithInfSumAndCount()
    {
        var m = new Metric("d_seconds", "D.", MetricType.Histogram, [], [0.1, 1]);
        m.Observe(0.05);
        m.Observe(0.5);
        m.Observe(5);
        var w = new ExpositionWriter();
        m.WriteTo(w);

        w.ToString().ShouldBe("""
            # HELP d_seconds D.
            # TYPE d_seconds histogram
            d_seconds_bucket{le="0.1"} 1
            d_seconds_bucket{le="1"} 2
            d_seconds_bucket{le="+Inf"} 3
            d_seconds_sum 5.55
            d_seconds_count 3

            """.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void UnlabelledFamilies_ExposeZeroBeforeAnyObservation()
    {
        var w = new ExpositionWriter();
        new Metric("c_total", "C.", MetricType.Counter, []).WriteTo(w);
        new Metric("h_seconds", "H.", MetricType.Histogram, [], [1]).WriteTo(w);
        new Metric("l_total", "L.", MetricType.Counter, ["op"]).WriteTo(w);

        w.ToString().ShouldBe("""
            # HELP c_total C.
            # TYPE c_total counter
            c_total 0
            # HELP h_seconds H.
            # TYPE h_seconds histogram
            h_seconds_bucket{le="1"} 0
            h_seconds_bucket{le="+Inf"} 0
            h_seconds_sum 0
            h_seconds_count 0
            # HELP l_total L.
            # TYPE l_total counter

            """.Replace("\r", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void LabelValues_AreEscaped()
    {
        var w = new ExpositionWriter();
        w.Sample("m", ["l"], ["a\"b\\c\nd"], 1);

        w.ToString().ShouldBe("m{l=\"a\\\"b\\\\c\\nd\"} 1\n");
    }

    [Fact]
    public void WrongLabelCount_Throws()
    {
        Should.Throw<ArgumentException>(() => new Metric("m", "h", MetricType.Gauge, ["a", "b"]).Set(1, "only-one"));
    }

    [Theory]
    [InlineData("/metrics/resource", "metrics/resource")]
    [InlineData("/metrics", "metrics")]
    [InlineData("/containerLogs/a/b/c", "containerLogs")]
    [InlineData("/exec/a/b/c", "exec")]
    [InlineData("/random/thing", "other")]
    public void HttpPathLabel_IsTheRootPath(string path, string label)
    {
        MetricsEndpoints.RootPath(path).ShouldBe(label);
    }
}
