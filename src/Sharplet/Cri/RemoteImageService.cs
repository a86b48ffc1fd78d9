using Sharplet.Cri.V1;
using Sharplet.Grpc;

namespace Sharplet.Cri;

// The ImageService through the Grpc.Tools-generated client (see RemoteRuntimeService).
internal sealed class RemoteImageService(RpcChannel channel, CriTimeouts timeouts) : IImageService
{
    private readonly ImageService.ImageServiceClient client = new(channel.Unnamed);

    public string Endpoint => channel.Endpoint.ToString();

    public async Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListImagesRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        var reply = await channel.Named(client.ListImagesAsync(request, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.ImageService/ListImages", cancellationToken).ConfigureAwait(false);
        return reply.Images;
    }

    public async Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken)
    {
        var reply = await channel.Named(client.ImageStatusAsync(new ImageStatusRequest { Image = image }, channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.ImageService/ImageStatus", cancellationToken)
            .ConfigureAwait(false);

        // The CRI answers "not present" with an empty image, not an error.
        return reply.Image is { Id.Length: > 0 } found ? found : null;
    }

    public async Task<string> PullImageAsync(ImageSpec image, AuthConfig? auth, PodSandboxConfig? sandboxConfig, CancellationToken cancellationToken)
    {
        var request = new PullImageRequest { Image = image };
        if (auth is not null)
        {
            request.Auth = auth;
        }

        if (sandboxConfig is not null)
        {
            request.SandboxConfig = sandboxConfig;
        }

        var reply = await channel.Named(client.PullImageAsync(request, channel.Call(timeouts.ImagePull, cancellationToken)), "runtime.v1.ImageService/PullImage", cancellationToken).ConfigureAwait(false);
        return reply.ImageRef;
    }

    public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken) =>
        channel.Named(client.RemoveImageAsync(new RemoveImageRequest { Image = image }, channel.Call(timeouts.Request, cancellationToken)), "runtime.v1.ImageService/RemoveImage", cancellationToken);

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken) =>
        channel.Named(client.ImageFsInfoAsync(new ImageFsInfoRequest(), channel.Call(timeouts.Status, cancellationToken)), "runtime.v1.ImageService/ImageFsInfo", cancellationToken);
}
