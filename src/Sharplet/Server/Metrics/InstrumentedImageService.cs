using Sharplet.Cri;
using Sharplet.Cri.V1;

namespace Sharplet.Server.Metrics;

// Upstream's instrumentedImageManagerService: image calls in kubelet_runtime_operations_* under their
// operation_type (pull_image, list_images, image_status, remove_image, image_fs_info).
internal sealed class InstrumentedImageService(IImageService inner, KubeletMetrics metrics) : IImageService
{
    public string Endpoint => inner.Endpoint;

    public Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter, CancellationToken cancellationToken) =>
        metrics.Measure("list_images", () => inner.ListImagesAsync(filter, cancellationToken));

    public Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken) =>
        metrics.Measure("image_status", () => inner.ImageStatusAsync(image, cancellationToken));

    public Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken) =>
        metrics.Measure("pull_image", () => inner.PullImageAsync(image, auth, sandboxConfig, cancellationToken));

    public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken) =>
        metrics.Measure("remove_image", () => inner.RemoveImageAsync(image, cancellationToken));

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken) =>
        metrics.Measure("image_fs_info", () => inner.ImageFsInfoAsync(cancellationToken));
}
