using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.TestSupport;

// An in-memory CRI image service: every image pulls at once unless a failure is queued for it.
internal sealed class FakeImageService : IImageService
{
    private readonly Lock gate = new();
    private readonly HashSet<string> present = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Exception>> failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ulong Size, bool Pinned)> details = new(StringComparer.Ordinal);

    public string Endpoint => "fake://images";

    public int Pulls { get; private set; }

    // The credentials each pull was given (null: anonymous), in order.
    public List<AuthConfig?> Auths { get; } = [];
    public List<string> Removed { get; } = [];

    // An image already on the node, with its size and whether the runtime pins it (the sandbox image).
    public void Add(string image, ulong size, bool pinned = false)
    {
        lock (gate)
        {
            present.Add(image);
            details[image] = (size, pinned);
        }
    }

    public void FailNextPull(string image, Exception error)
    {
        lock (gate)
        {
            (failures.TryGetValue(image, out var queue) ? queue : failures[image] = new Queue<Exception>()).Enqueue(error);
        }
    }

    public Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult<IReadOnlyList<Image>>(present.Select(ToImage).ToList());
        }
    }

    public Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        lock (gate)
        {
            return Task.FromResult(present.Contains(image.Image) ? ToImage(image.Image) : null);
        }
    }

    public Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        lock (gate)
        {
            Pulls++;
            Auths.Add(auth);
            if (failures.TryGetValue(image.Image, out var queue) && queue.Count > 0)
            {
                return Task.FromException<string>(queue.Dequeue());
            }

            present.Add(image.Image);
            return Task.FromResult($"sha256:{image.Image}");
        }
    }

    public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        lock (gate)
        {
            // By reference or by ID (sha256:<reference> here), as the runtime accepts either.
            var name = image.Image.StartsWith("sha256:", StringComparison.Ordinal) ? image.Image["sha256:".Length..] : image.Image;
            if (present.Remove(name))
            {
                Removed.Add(name);
            }
        }

        return Task.CompletedTask;
    }

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken) => Task.FromResult(new ImageFsInfoResponse());

    private Image ToImage(string name)
    {
        var (size, pinned) = details.GetValueOrDefault(name);
        var image = new Image { Id = $"sha256:{name}", Size = size, Pinned = pinned };
        image.RepoTags.Add(name);
        return image;
    }
}
