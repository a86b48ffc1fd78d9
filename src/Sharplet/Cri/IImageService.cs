using Sharplet.Cri.V1;

namespace Sharplet.Cri;

internal interface IImageService
{
    string Endpoint { get; }

    Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter, CancellationToken cancellationToken);

    // Null when the image is not present on the node.
    Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken);

    // Returns the image reference (digest-qualified ID) the runtime resolved.
    Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken);

    Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken);

    Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken);
}
