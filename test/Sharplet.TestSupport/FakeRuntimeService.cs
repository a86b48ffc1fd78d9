using System.Runtime.CompilerServices;
using Google.Protobuf.Collections;
using Grpc.Core;
using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.TestSupport;

// An in-memory CRI runtime (model: cri-api's fake_runtime_service.go) on an injected clock: sandboxes and
// containers with their states and exits, every call recorded, errors and latencies injectable per method.
// Stop and remove are idempotent and a removed sandbox takes its containers along, as containerd does.
internal sealed class FakeRuntimeService(TimeProvider time) : IRuntimeService
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PodSandboxStatus> sandboxes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ContainerStatus> containers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> sandboxOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Exception>> failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Exception>> failuresAfter = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> maxInFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> latencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TimeSpan After, int ExitCode)> exits = new(StringComparer.Ordinal);
    private readonly List<string> calls = [];
    private readonly Dictionary<string, long> stopTimeouts = new(StringComparer.Ordinal);
    private int next;

    public string Endpoint => "fake://runtime";

    // Every call as "Method argument", in order.
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public int CountOf(string method) => Calls.Count(c => c == method || c.StartsWith(method + " ", StringComparison.Ordinal));

    // The next call of the method throws this.
    public void FailNext(string method, Exception error)
    {
        lock (gate)
        {
            (failures.TryGetValue(method, out var queue) ? queue : failures[method] = new Queue<Exception>()).Enqueue(error);
        }
    }

    // The next call of the method does its work and then throws this: a call that timed out on the caller's
    // side while the runtime finished it.
    public void FailNextAfterDoing(string method, Exception error)
    {
        lock (gate)
        {
            (failuresAfter.TryGetValue(method, out var queue) ? queue : failuresAfter[method] = new Queue<Exception>()).Enqueue(error);
        }
    }

    // The most calls of the method that were in flight (inside their latency) at once.
    public int MaxInFlight(string method)
    {
        lock (gate)
        {
            return maxInFlight.GetValueOrDefault(method);
        }
    }

    public int InFlight(string method)
    {
        lock (gate)
        {
            return inFlight.GetValueOrDefault(method);
        }
    }

    // Every call of the method takes this long on the fake clock.
    public void SetLatency(string method, TimeSpan latency)
    {
        lock (gate)
        {
            latencies[method] = latency;
        }
    }

    // A container of this name exits with the code this long after it started.
    public void ExitAfterStart(string containerName, TimeSpan after, int exitCode)
    {
        lock (gate)
        {
            exits[containerName] = (after, exitCode);
        }
    }

    // The timeout (seconds before SIGKILL) the last StopContainer of the container was given; null if never stopped.
    public long? StopTimeoutOf(string containerId)
    {
        lock (gate)
        {
            return stopTimeouts.TryGetValue(containerId, out var timeout) ? timeout : null;
        }
    }

    public IReadOnlyList<ContainerStatus> Containers()
    {
        lock (gate)
        {
            return containers.Values.Select(c => c.Clone()).ToList();
        }
    }

    public IReadOnlyList<PodSandboxStatus> Sandboxes()
    {
        lock (gate)
        {
            return sandboxes.Values.Select(s => s.Clone()).ToList();
        }
    }

    // The container ends now (as if its process exited).
    public void Exit(string containerId, int exitCode, string reason = "Completed")
    {
        lock (gate)
        {
            if (containers.TryGetValue(containerId, out var c) && c.State == ContainerState.ContainerRunning)
            {
                c.State = ContainerState.ContainerExited;
                c.ExitCode = exitCode;
                c.Reason = exitCode == 0 ? reason : "Error";
                c.FinishedAt = Nanos();
            }
        }
    }

    public async Task<VersionResponse> VersionAsync(CancellationToken cancellationToken)
    {
        await EnterAsync("Version", null, cancellationToken).ConfigureAwait(false);
        return new VersionResponse { Version = "0.1.0", RuntimeName = "fake", RuntimeVersion = "1.0.0", RuntimeApiVersion = "v1" };
    }

    // What a verbose Status returns in its info map (containerd puts its CRI config under "config").
    public Dictionary<string, string> StatusInfo { get; } = new(StringComparer.Ordinal);

    public async Task<StatusResponse> StatusAsync(bool verbose, CancellationToken cancellationToken)
    {
        await EnterAsync("Status", null, cancellationToken).ConfigureAwait(false);
        var status = new RuntimeStatus();
        status.Conditions.Add(new RuntimeCondition { Type = "RuntimeReady", Status = true });
        status.Conditions.Add(new RuntimeCondition { Type = "NetworkReady", Status = true });
        var response = new StatusResponse { Status = status };
        if (verbose)
        {
            response.Info.Add(StatusInfo);
        }

        return response;
    }

    public async Task<string> RunPodSandboxAsync(PodSandboxConfig config, string runtimeHandler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        await EnterAsync("RunPodSandbox", config.Metadata?.Name, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            var id = $"sandbox-{++next}";
            var status = new PodSandboxStatus
            {
                Id = id,
                Metadata = config.Metadata,
                State = PodSandboxState.SandboxReady,
                CreatedAt = Nanos(),
                RuntimeHandler = runtimeHandler,
                Network = new PodSandboxNetworkStatus { Ip = config.Linux?.SecurityContext?.NamespaceOptions?.Network == NamespaceMode.Node ? string.Empty : $"10.88.0.{next % 250}" },

                // As containerd reports them: the kubelet tells a host-network sandbox by its namespace options.
                Linux = new LinuxPodSandboxStatus { Namespaces = new Namespace { Options = config.Linux?.SecurityContext?.NamespaceOptions?.Clone() } },
            };
            status.Labels.Add(config.Labels);
            status.Annotations.Add(config.Annotations);
            sandboxes[id] = status;
            return id;
        }
    }

    public async Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken)
    {
        await EnterAsync("StopPodSandbox", podSandboxId, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (sandboxes.TryGetValue(podSandboxId, out var sandbox))
            {
                sandbox.State = PodSandboxState.SandboxNotready;
                foreach (var id in sandboxOf.Where(p => p.Value == podSandboxId).Select(p => p.Key))
                {
                    StopLocked(id, 137);
                }
            }
        }
    }

    public async Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken)
    {
        await EnterAsync("RemovePodSandbox", podSandboxId, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            sandboxes.Remove(podSandboxId);
            foreach (var id in sandboxOf.Where(p => p.Value == podSandboxId).Select(p => p.Key).ToList())
            {
                containers.Remove(id);
                sandboxOf.Remove(id);
            }
        }
    }

    public async Task<PodSandboxStatusResponse> PodSandboxStatusAsync(string podSandboxId, bool verbose, CancellationToken cancellationToken)
    {
        await EnterAsync("PodSandboxStatus", podSandboxId, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            return sandboxes.TryGetValue(podSandboxId, out var s) ? new PodSandboxStatusResponse { Status = s.Clone() } : throw NotFound("PodSandboxStatus", podSandboxId);
        }
    }

    public async Task<IReadOnlyList<PodSandbox>> ListPodSandboxAsync(PodSandboxFilter? filter, CancellationToken cancellationToken)
    {
        await EnterAsync("ListPodSandbox", null, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            return sandboxes.Values
                .Where(s => filter is null || ((filter.Id.Length == 0 || filter.Id == s.Id) && (filter.State is null || filter.State.State == s.State) && Matches(s.Labels, filter.LabelSelector)))
                .Select(s =>
                {
                    var listed = new PodSandbox { Id = s.Id, Metadata = s.Metadata, State = s.State, CreatedAt = s.CreatedAt, RuntimeHandler = s.RuntimeHandler };
                    listed.Labels.Add(s.Labels);
                    listed.Annotations.Add(s.Annotations);
                    return listed;
                })
                .ToList();
        }
    }

    public async Task<string> CreateContainerAsync(string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        await EnterAsync("CreateContainer", config.Metadata?.Name, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            if (!sandboxes.TryGetValue(podSandboxId, out var sandbox) || sandbox.State != PodSandboxState.SandboxReady)
            {
                throw NotFound("CreateContainer", podSandboxId);
            }

            var id = $"container-{++next}";
            var status = new ContainerStatus
            {
                Id = id,
                Metadata = config.Metadata,
                State = ContainerState.ContainerCreated,
                CreatedAt = Nanos(),
                Image = config.Image,
                ImageRef = config.Image?.Image ?? string.Empty,
                LogPath = Path.Combine(sandboxConfig?.LogDirectory ?? string.Empty, config.LogPath ?? string.Empty),
            };
            status.Labels.Add(config.Labels);
            status.Annotations.Add(config.Annotations);
            containers[id] = status;
            sandboxOf[id] = podSandboxId;
            ThrowIfFailingAfter("CreateContainer");
            return id;
        }
    }

    public async Task StartContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        await EnterAsync("StartContainer", containerId, cancellationToken).ConfigureAwait(false);
        (TimeSpan After, int ExitCode)? exit;
        lock (gate)
        {
            if (!containers.TryGetValue(containerId, out var c) || c.State != ContainerState.ContainerCreated)
            {
                throw NotFound("StartContainer", containerId);
            }

            c.State = ContainerState.ContainerRunning;
            c.StartedAt = Nanos();
            exit = exits.TryGetValue(c.Metadata?.Name ?? string.Empty, out var e) ? e : null;
        }

        if (exit is { } planned)
        {
            time.CreateTimer(_ => Exit(containerId, planned.ExitCode), null, planned.After, Timeout.InfiniteTimeSpan);
        }
    }

    public async Task StopContainerAsync(string containerId, long timeoutSeconds, CancellationToken cancellationToken)
    {
        await EnterAsync("StopContainer", containerId, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            stopTimeouts[containerId] = timeoutSeconds;
            StopLocked(containerId, 0);
        }
    }

    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken)
    {
        await EnterAsync("RemoveContainer", containerId, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            containers.Remove(containerId);
            sandboxOf.Remove(containerId);
        }
    }

    public async Task<IReadOnlyList<Container>> ListContainersAsync(ContainerFilter? filter, CancellationToken cancellationToken)
    {
        await EnterAsync("ListContainers", null, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            return containers.Values
                .Where(c => filter is null || ((filter.Id.Length == 0 || filter.Id == c.Id) && (filter.PodSandboxId.Length == 0 || filter.PodSandboxId == sandboxOf[c.Id])
                    && (filter.State is null || filter.State.State == c.State) && Matches(c.Labels, filter.LabelSelector)))
                .Select(c =>
                {
                    var listed = new Container { Id = c.Id, PodSandboxId = sandboxOf[c.Id], Metadata = c.Metadata, Image = c.Image, ImageRef = c.ImageRef, State = c.State, CreatedAt = c.CreatedAt };
                    listed.Labels.Add(c.Labels);
                    listed.Annotations.Add(c.Annotations);
                    return listed;
                })
                .ToList();
        }
    }

    public async Task<ContainerStatusResponse> ContainerStatusAsync(string containerId, bool verbose, CancellationToken cancellationToken)
    {
        await EnterAsync("ContainerStatus", containerId, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            return containers.TryGetValue(containerId, out var c) ? new ContainerStatusResponse { Status = c.Clone() } : throw NotFound("ContainerStatus", containerId);
        }
    }

    public async Task<ExecSyncResponse> ExecSyncAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await EnterAsync("ExecSync", containerId, cancellationToken).ConfigureAwait(false);
        return new ExecSyncResponse { ExitCode = 0 };
    }

    // As containerd: only a running container's log can be reopened, and reopening creates the file at LogPath.
    public async Task ReopenContainerLogAsync(string containerId, CancellationToken cancellationToken)
    {
        await EnterAsync("ReopenContainerLog", containerId, cancellationToken).ConfigureAwait(false);
        string path;
        lock (gate)
        {
            if (!containers.TryGetValue(containerId, out var c))
            {
                throw NotFound("ReopenContainerLog", containerId);
            }

            if (c.State != ContainerState.ContainerRunning)
            {
                throw new RpcException(new global::Grpc.Core.Status(StatusCode.FailedPrecondition, $"container {containerId} is not running"));
            }

            path = c.LogPath;
        }

        if (Path.GetDirectoryName(path) is { Length: > 0 } dir && Directory.Exists(dir))
        {
            using var _ = new FileStream(path, FileMode.Append, FileAccess.Write);
        }
    }

    // The container event stream a test drives, once EnableContainerEvents was called; null: none.
    public FakeContainerEventStream? ContainerEvents { get; private set; }

    public FakeContainerEventStream EnableContainerEvents() => ContainerEvents ??= new FakeContainerEventStream();

    // An event about the container as containerd sends it: with its sandbox's status and its own.
    public ContainerEventResponse EventFor(string containerId, ContainerEventType type)
    {
        lock (gate)
        {
            var e = new ContainerEventResponse { ContainerId = containerId, ContainerEventType = type, CreatedAt = Nanos() };
            if (sandboxOf.TryGetValue(containerId, out var sandboxId) && sandboxes.TryGetValue(sandboxId, out var sandbox))
            {
                e.PodSandboxStatus = sandbox.Clone();
            }
            else if (sandboxes.TryGetValue(containerId, out var own))
            {
                // A sandbox's own event carries the sandbox ID as the container ID.
                e.PodSandboxStatus = own.Clone();
            }

            if (containers.TryGetValue(containerId, out var c))
            {
                e.ContainersStatuses.Add(c.Clone());
            }

            return e;
        }
    }

    // Without EnableContainerEvents no event stream: the evented PLEG falls back to relisting, as with a runtime
    // that does not implement it.
    public async IAsyncEnumerable<ContainerEventResponse> GetContainerEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnterAsync("GetContainerEvents", null, cancellationToken).ConfigureAwait(false);
        if (ContainerEvents is not { } stream)
        {
            throw new RpcException(new global::Grpc.Core.Status(StatusCode.Unimplemented, "GetContainerEvents is not implemented"));
        }

        await foreach (var e in stream.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    // Streaming and stats are the kubelet server's; the core's state machines never call them.
    public Task<string> ExecAsync(ExecRequest request, CancellationToken cancellationToken) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "Exec is not implemented by the fake runtime"));

    public Task<string> AttachAsync(AttachRequest request, CancellationToken cancellationToken) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "Attach is not implemented by the fake runtime"));

    public Task<string> PortForwardAsync(PortForwardRequest request, CancellationToken cancellationToken) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "PortForward is not implemented by the fake runtime"));

    public Task<IReadOnlyList<ContainerStats>> ListContainerStatsAsync(ContainerStatsFilter? filter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ContainerStats>>([]);

    public Task<IReadOnlyList<PodSandboxStats>> ListPodSandboxStatsAsync(PodSandboxStatsFilter? filter, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PodSandboxStats>>([]);

    private static bool Matches(MapField<string, string> labels, MapField<string, string> selector) =>
        selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    private static RpcException NotFound(string method, string id) => new(new global::Grpc.Core.Status(StatusCode.NotFound, $"{method}: {id} not found"));

    // Called with the gate held.
    private void StopLocked(string containerId, int exitCode)
    {
        if (containers.TryGetValue(containerId, out var c) && c.State is ContainerState.ContainerRunning or ContainerState.ContainerCreated)
        {
            var wasRunning = c.State == ContainerState.ContainerRunning;
            c.State = ContainerState.ContainerExited;
            c.ExitCode = wasRunning ? exitCode : 0;
            c.Reason = exitCode == 0 ? "Completed" : "Error";
            c.FinishedAt = Nanos();
        }
    }

    private long Nanos() => (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    // Called under the gate, after the work was done.
    private void ThrowIfFailingAfter(string method)
    {
        if (failuresAfter.TryGetValue(method, out var queue) && queue.Count > 0)
        {
            throw queue.Dequeue();
        }
    }

    private async Task EnterAsync(string method, string? argument, CancellationToken cancellationToken)
    {
        TimeSpan latency;
        Exception? failure = null;
        lock (gate)
        {
            calls.Add(argument is null ? method : $"{method} {argument}");
            latency = latencies.GetValueOrDefault(method);
            if (failures.TryGetValue(method, out var queue) && queue.Count > 0)
            {
                failure = queue.Dequeue();
            }
        }

        if (latency > TimeSpan.Zero)
        {
            lock (gate)
            {
                var now = inFlight[method] = inFlight.GetValueOrDefault(method) + 1;
                maxInFlight[method] = Math.Max(maxInFlight.GetValueOrDefault(method), now);
            }

            try
            {
                await Task.Delay(latency, time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (gate)
                {
                    inFlight[method]--;
                }
            }
        }

        if (failure is not null)
        {
            throw failure;
        }
    }
}
