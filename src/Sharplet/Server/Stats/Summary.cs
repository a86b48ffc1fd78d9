namespace Sharplet.Server.Stats;

// One stats/v1alpha1 Summary: the node and every pod it runs. ScrapeError tells /metrics/resource that part
// of the figures could not be read.
internal sealed record Summary(NodeSample Node, IReadOnlyList<PodSample> Pods, bool ScrapeError);
