namespace Sharplet.KubeRuntime;

// What upstream's kuberuntime start() records per container start (kubelet_started_containers_total before the
// attempt, kubelet_started_containers_errors_total with the start's error code when it fails), by container
// type ("container" or "init_container"); wired by the composition root so KubeRuntime does not depend on the
// server.
internal sealed class ContainerStartObservers
{
    public const string Container = "container";

    public const string InitContainer = "init_container";

    public static readonly ContainerStartObservers None = new();

    public Action<string> Attempted { get; init; } = static _ => { };

    // The container type and the failure's waiting reason (ErrImagePull, CreateContainerError, ...).
    public Action<string, string> Failed { get; init; } = static (_, _) => { };
}
