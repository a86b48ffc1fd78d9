using System.Threading.Channels;
using Sharplet.KubeContainer;
using Sharplet.ProbeResults;

namespace Sharplet.TestSupport;

// What the runtime reports for the pod "uid-1": sandboxes and containers in the order they were created (each
// one a second after the previous); Build orders them newest first, as RuntimePodReader does.
internal sealed class RuntimeBuilder
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<RuntimeSandbox> sandboxes = [];
    private readonly List<RuntimeContainer> containers = [];
    private int clock;

    public string CurrentSandbox { get; private set; } = "sb-0";

    public RuntimeBuilder Sandbox(string id = "sb-0", bool ready = true, uint attempt = 0, string? ip = "10.1.0.5", bool hostNetwork = false)
    {
        CurrentSandbox = id;
        sandboxes.Add(new RuntimeSandbox
        {
            Id = id,
            Ready = ready,
            Attempt = attempt,
            CreatedAt = Next(),
            Ip = ip,
            Ips = ip is null ? [] : [ip],
            HostNetwork = hostNetwork,
        });
        return this;
    }

    public RuntimeBuilder Running(string name, string? id = null, int restarts = 0, string hash = "", string? sandbox = null) =>
        Add(name, RuntimeContainerState.Running, id, restarts, 0, hash, sandbox);

    public RuntimeBuilder Exited(string name, int exitCode, string? id = null, int restarts = 0, string hash = "", string? sandbox = null, string reason = "") =>
        Add(name, RuntimeContainerState.Exited, id, restarts, exitCode, hash, sandbox, reason);

    public RuntimeBuilder Created(string name, string? id = null, int restarts = 0, string? sandbox = null) =>
        Add(name, RuntimeContainerState.Created, id, restarts, 0, string.Empty, sandbox);

    public RuntimeBuilder Unknown(string name, string? id = null, int restarts = 0, string? sandbox = null) =>
        Add(name, RuntimeContainerState.Unknown, id, restarts, 0, string.Empty, sandbox);

    public RuntimeBuilder With(RuntimeContainer container)
    {
        containers.Add(container);
        return this;
    }

    public RuntimePodStatus Build() => new(
        "uid-1",
        sandboxes.OrderByDescending(s => s.CreatedAt).ToList(),
        containers.OrderByDescending(c => c.CreatedAt).ToList(),
        T0.AddHours(1));

    private RuntimeBuilder Add(string name, RuntimeContainerState state, string? id, int restarts, int exitCode, string hash, string? sandbox, string reason = "")
    {
        var created = Next();
        containers.Add(new RuntimeContainer
        {
            Id = id ?? $"{name}-{restarts}",
            Name = name,
            SandboxId = sandbox ?? CurrentSandbox,
            State = state,
            CreatedAt = created,
            StartedAt = state is RuntimeContainerState.Running or RuntimeContainerState.Exited ? created.AddMilliseconds(100) : null,
            FinishedAt = state == RuntimeContainerState.Exited ? created.AddMilliseconds(500) : null,
            ExitCode = exitCode,
            Reason = reason,
            RestartCount = restarts,
            Hash = hash,
            ImageRef = $"sha256:{name}",
        });
        return this;
    }

    private DateTimeOffset Next() => T0.AddSeconds(++clock);
}

// Probe verdicts by container id; anything not set is Unknown (the probe has not run).
internal sealed class FakeProbeResults : IProbeResults
{
    private readonly Dictionary<(string Kind, string Id), ProbeResult> results = [];

    public FakeProbeResults Set(string kind, string containerId, ProbeResult result)
    {
        results[(kind, containerId)] = result;
        return this;
    }

    public FakeProbeResults Liveness(string id, ProbeResult result) => Set("liveness", id, result);

    public FakeProbeResults Startup(string id, ProbeResult result) => Set("startup", id, result);

    public FakeProbeResults Readiness(string id, ProbeResult result) => Set("readiness", id, result);

    ProbeResult IProbeResults.Liveness(string containerId) => results.GetValueOrDefault(("liveness", containerId));

    ProbeResult IProbeResults.Startup(string containerId) => results.GetValueOrDefault(("startup", containerId));

    ProbeResult IProbeResults.Readiness(string containerId) => results.GetValueOrDefault(("readiness", containerId));

    // Nothing is announced: the verdicts are fixed for the test.
    ChannelReader<ProbeResultUpdate> IProbeResults.Updates { get; } = Channel.CreateUnbounded<ProbeResultUpdate>().Reader;
}
