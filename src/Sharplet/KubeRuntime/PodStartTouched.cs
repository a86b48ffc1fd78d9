namespace Sharplet.KubeRuntime;

// The runtime objects one start-only pass made or changed: the sandbox id it ran in, whether that sandbox is new,
// and every container it created or started (or tried to start). Everything else of the pod is as the pass's
// own read before it found it: only the pod's worker creates, starts or stops its containers.
internal sealed record PodStartTouched(string SandboxId, bool SandboxCreated, IReadOnlyCollection<string> ContainerIds);
