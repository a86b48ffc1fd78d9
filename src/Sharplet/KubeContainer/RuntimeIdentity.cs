namespace Sharplet.KubeContainer;

// The runtime's name as container IDs carry it in the API ("containerd://..."), learned at the handshake.
internal sealed record RuntimeIdentity(string Name, string Version);
