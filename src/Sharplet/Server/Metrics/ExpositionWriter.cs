using System.Globalization;
using System.Text;

namespace Sharplet.Server.Metrics;

// The Prometheus text format (version 0.0.4), which `promtool check metrics` accepts: HELP and TYPE once per
// family, label values escaped, floats in Go's spelling (+Inf, NaN).
//
// Why our own and not prometheus-net 8.2.1 (the only Prometheus client NuGet serves here; evaluated 2026-12-07):
// its assembly (net7.0 build, Jan 2024) declares neither IsTrimmable nor IsAotCompatible, so NativeAOT gives no
// trim-safety guarantee for it; it pulls Microsoft.Extensions.Http 3.1 (not served: 3.1.3 resolves with NU1603,
// an error under this build's warnings-as-errors) and ObjectPool; its IL alone is 194 KB against this writer's
// ~100 lines plus Metric.cs. The families here are fixed, few, and need upstream's exact names, label order and
// buckets, which a small writer states directly; promtool checks its output in the integration tests.
internal sealed class ExpositionWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder sb = new();

    public void Family(string name, string help, MetricType type)
    {
        sb.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        sb.Append("# TYPE ").Append(name).Append(' ').Append(type switch
        {
            MetricType.Counter => "counter",
            MetricType.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');
    }

    public void Sample(string name, IReadOnlyList<string> labelNames, IReadOnlyList<string> labelValues, double value, long? timestampMs = null, string? extraName = null, string? extraValue = null)
    {
        sb.Append(name);
        if (labelNames.Count > 0 || extraName is not null)
        {
            sb.Append('{');
            var first = true;
            for (var i = 0; i < labelNames.Count; i++)
            {
                Label(labelNames[i], labelValues[i], ref first);
            }

            if (extraName is not null)
            {
                Label(extraName, extraValue!, ref first);
            }

            sb.Append('}');
        }

        sb.Append(' ').Append(Format(value));
        if (timestampMs is { } ts)
        {
            sb.Append(' ').Append(ts.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append('\n');
    }

    public override string ToString() => sb.ToString();

    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void Label(string name, string value, ref bool first)
    {
        if (!first)
        {
            sb.Append(',');
        }

        first = false;
        sb.Append(name).Append("=\"")
            .Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
            .Append('"');
    }
}
