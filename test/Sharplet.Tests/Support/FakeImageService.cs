using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Tests.Support;

// An in-memory CRI image service: every image pulls at once unless a failure is queued for it.
internal sealed class FakeImageService : IImageService
{
    private readonly Lock gate = new();
    private readonly HashSet<string> present = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Exception>> failures = new(StringComparer.Ordinal);

    public string Endpoint => "fake://images";

    public int Pulls { get; private set; }

    // The credentials each pull was given (null: anonymous), in order.
    public List<AuthConfig?> Auths { get; } = [];

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
            present.Remove(image.Image);
        }

        return Task.CompletedTask;
    }

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken) => Task.FromResult(new ImageFsInfoResponse());

    private static Image ToImage(string name)
    {
        var image = new Image { Id = $"sha256:{name}" };
        image.RepoTags.Add(name);
        return image;
    }
}
