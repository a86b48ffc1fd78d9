namespace Sharplet.Server.Metrics;

// The upstream kubelet's metric families that Sharplet feeds (pkg/kubelet/metrics names, labels and buckets).
internal sealed class KubeletMetrics
{
    private static readonly double[] DefBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] PodStartBuckets = [0.5, 1, 2, 3, 4, 5, 6, 8, 10, 20, 30, 45, 60, 120, 180, 240, 300, 360, 480, 600, 900, 1200, 1800, 2700, 3600];

    public Metric NodeName { get; } = new("kubelet_node_name", "[ALPHA] The node's name. The count is always 1.", MetricType.Gauge, ["node"]);

    public Metric RunningPods { get; } = new("kubelet_running_pods", "[ALPHA] Number of pods that have a running pod sandbox", MetricType.Gauge, []);

    public Metric RunningContainers { get; } = new("kubelet_running_containers", "[ALPHA] Number of containers currently running", MetricType.Gauge, ["container_state"]);

    public Metric PodStartDuration { get; } = new("kubelet_pod_start_duration_seconds",
        "[ALPHA] Duration in seconds from kubelet seeing a pod for the first time to the pod starting to run", MetricType.Histogram, [], PodStartBuckets);

    public Metric PodWorkerDuration { get; } = new("kubelet_pod_worker_duration_seconds",
        "[ALPHA] Duration in seconds to sync a single pod. Broken down by operation type: create, update, or sync", MetricType.Histogram, ["operation_type"], DefBuckets);

    public Metric RuntimeOperations { get; } = new("kubelet_runtime_operations_total",
        "[ALPHA] Cumulative number of runtime operations by operation type.", MetricType.Counter, ["operation_type"]);

    public Metric RuntimeOperationErrors { get; } = new("kubelet_runtime_operations_errors_total",
        "[ALPHA] Cumulative number of runtime operation errors by operation type.", MetricType.Counter, ["operation_type"]);

    public Metric RuntimeOperationDuration { get; } = new("kubelet_runtime_operations_duration_seconds",
        "[ALPHA] Duration in seconds of runtime operations. Broken down by operation type.", MetricType.Histogram, ["operation_type"],
        [0.005, 0.0125, 0.03125, 0.078125, 0.1953125, 0.48828125, 1.220703125, 3.0517578125, 7.62939453125, 19.073486328125, 47.6837158203125, 119.20928955078125, 298.0232238769531, 745.0580596923828]);

    public Metric PlegRelistDuration { get; } = new("kubelet_pleg_relist_duration_seconds",
        "[ALPHA] Duration in seconds for relisting pods in PLEG.", MetricType.Histogram, [], DefBuckets);

    public Metric PlegLastSeen { get; } = new("kubelet_pleg_last_seen_seconds",
        "[ALPHA] Timestamp in seconds when PLEG was last seen active.", MetricType.Gauge, []);

    public Metric StartedPods { get; } = new("kubelet_started_pods_total", "[ALPHA] Cumulative number of pods started", MetricType.Counter, []);

    public Metric StartedPodsErrors { get; } = new("kubelet_started_pods_errors_total", "[ALPHA] Cumulative number of errors when starting pods", MetricType.Counter, []);

    public Metric StartedContainers { get; } = new("kubelet_started_containers_total",
        "[ALPHA] Cumulative number of containers started", MetricType.Counter, ["container_type"]);

    public Metric StartedContainersErrors { get; } = new("kubelet_started_containers_errors_total",
        "[ALPHA] Cumulative number of errors when starting containers", MetricType.Counter, ["code", "container_type"]);

    public Metric HttpRequests { get; } = new("kubelet_http_requests_total",
        "[ALPHA] Number of the http requests received since the server started", MetricType.Counter, ["long_running", "method", "path", "server_type"]);

    public Metric HttpInflight { get; } = new("kubelet_http_inflight_requests",
        "[ALPHA] Number of the inflight http requests", MetricType.Gauge, ["long_running", "method", "path", "server_type"]);

    public Metric HttpDuration { get; } = new("kubelet_http_requests_duration_seconds",
        "[ALPHA] Duration in seconds to serve http requests", MetricType.Histogram, ["long_running", "method", "path", "server_type"], DefBuckets);

    public Metric Evictions { get; } = new("kubelet_evictions",
        "[ALPHA] Cumulative number of pod evictions by eviction signal", MetricType.Counter, ["eviction_signal"]);

    public Metric EvictionStatsAge { get; } = new("kubelet_eviction_stats_age_seconds",
        "[ALPHA] Time between when stats are collected, and when pod is evicted based on those stats by eviction signal", MetricType.Histogram,
        ["eviction_signal"], DefBuckets);

    public Metric ImageGarbageCollected { get; } = new("kubelet_image_garbage_collected_total",
        "[ALPHA] Total number of images garbage collected by the kubelet, whether through disk usage or image age.", MetricType.Counter, ["reason"]);

    public IEnumerable<Metric> All =>
    [
        EvictionStatsAge, Evictions, HttpInflight, HttpRequests, HttpDuration, ImageGarbageCollected, NodeName, PlegLastSeen, PlegRelistDuration, PodStartDuration, PodWorkerDuration,
        RunningContainers, RunningPods, RuntimeOperationDuration, RuntimeOperationErrors, RuntimeOperations, StartedContainers,
        StartedContainersErrors, StartedPods, StartedPodsErrors,
    ];
}
