using System.Collections.Concurrent;
using Sharplet.Cri;
using Sharplet.Cri.V1;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Images;

// The in-memory image service with pulls a test holds open (when Hold is set): each pull of an image waits until
// the test releases that image, so a test can see which pulls are in flight at once. Entered completes when a pull of the image
// reached the service (a barrier to wait on instead of a sleep).
internal sealed class GatedImageService(FakeImageService inner) : IImageService
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> entered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> released = new(StringComparer.Ordinal);
    private int inFlight;
    private int maxInFlight;

    public string Endpoint => inner.Endpoint;

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public bool Hold { get; init; }

    public Task Entered(string image) => Gate(entered, image).Task;

    public bool HasEntered(string image) => Gate(entered, image).Task.IsCompleted;

    public void Release(string image) => Gate(released, image).TrySetResult();

    public Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter, CancellationToken cancellationToken) => inner.ListImagesAsync(filter, cancellationToken);

    // When set, every image status call fails with it (the runtime cannot inspect images).
    public Exception? StatusFailure { get; set; }

    public Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken) =>
        StatusFailure is { } failure ? Task.FromException<Image?>(failure) : inner.ImageStatusAsync(image, cancellationToken);

    public async Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var now = Interlocked.Increment(ref inFlight);
        var seen = Volatile.Read(ref maxInFlight);
        while (now > seen && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
        {
            seen = Volatile.Read(ref maxInFlight);
        }

        try
        {
            Gate(entered, image.Image).TrySetResult();
            if (Hold)
            {
                await Gate(released, image.Image).Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return await inner.PullImageAsync(image, auth, sandboxConfig, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken) => inner.RemoveImageAsync(image, cancellationToken);

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken) => inner.ImageFsInfoAsync(cancellationToken);

    private static TaskCompletionSource Gate(ConcurrentDictionary<string, TaskCompletionSource> gates, string image) =>
        gates.GetOrAdd(image, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
