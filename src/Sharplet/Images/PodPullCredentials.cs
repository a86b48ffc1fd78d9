namespace Sharplet.Images;

// What a pod's imagePullSecrets give a pull: the keyring of the Secrets that could be read, and the names of
// those that could not (each with why), for the event and the error message.
internal sealed record PodPullCredentials(DockerKeyring Keyring, IReadOnlyList<string> Unavailable)
{
    public static PodPullCredentials None { get; } = new(new DockerKeyring(), []);
}
