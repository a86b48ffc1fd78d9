using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Sharplet.Api;
using Sharplet.Images;
using Sharplet.Pods;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Images;

// An image manager on the in-memory image service (pulls optionally held open) and a fake clock, with the events
// it records; pods are PodBuilder's default/web (uid-1), images registry.example/<container>:1.
internal sealed class ImageManagerRig : IDisposable
{
    public ImageManagerRig(ImageManagerOptions? options = null, bool holdPulls = false)
    {
        Gated = new GatedImageService(Images) { Hold = holdPulls };
        Manager = new ImageManager(Gated, new NoApiObjectSource(), Events, options ?? new ImageManagerOptions(), Time, NullLogger<ImageManager>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public FakeImageService Images { get; } = new();

    public GatedImageService Gated { get; }

    public RecordingEventRecorder Events { get; } = new();

    public ImageManager Manager { get; }

    public static Pod PodWith(string container, string? policy = null, string? image = null, string uid = "uid-1") =>
        new PodBuilder().Meta(m => m.Uid = uid).Container(container, c =>
        {
            c.ImagePullPolicy = policy;
            c.Image = image ?? c.Image;
        }).Build();

    public Task<ImagePullResult> EnsureAsync(Pod pod, string? container = null)
    {
        var spec = (pod.Spec!.Containers ?? []).Concat(pod.Spec.InitContainers ?? []).First(c => container is null || c.Name == container);
        return Manager.EnsureImageAsync(pod, spec, null, CancellationToken.None);
    }

    public void Dispose() => Manager.Dispose();
}
