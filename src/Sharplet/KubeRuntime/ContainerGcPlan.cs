using Sharplet.KubeContainer;

namespace Sharplet.KubeRuntime;

internal sealed record ContainerGcPlan(IReadOnlyList<(RuntimePodSummary Pod, RuntimeContainer Container)> Containers, IReadOnlyList<RuntimeSandbox> Sandboxes);
