namespace Sharplet.KubeContainer;

// The container cannot be configured from its spec as things stand (a missing ConfigMap key, a bad field
// reference): upstream reports it as CreateContainerConfigError and retries on the next sync.
internal sealed class ContainerConfigException(string message) : Exception(message);
