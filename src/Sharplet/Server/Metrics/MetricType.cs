namespace Sharplet.Server.Metrics;

internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
