using Sharplet.Cri.V1;
using Sharplet.Grpc;

namespace Sharplet.Cri;

// The ImageService through the Grpc.Tools-generated client (see RemoteRuntimeService).
internal sealed class RemoteImageService(RpcChannel channel, CriTimeouts timeouts) : IImageService
{
    private readonly ImageService.ImageServiceClient client = new(channel.Invoker);

    public string Endpoint => channel.Endpoint.ToString();

    public async Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListImagesRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        var reply = await client.ListImagesAsync(request, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync.ConfigureAwait(false);
        return reply.Images;
    }

    public async Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken)
    {
        var reply = await client.ImageStatusAsync(new ImageStatusRequest { Image = image }, channel.Call(timeouts.Status, cancellationToken)).ResponseAsync
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

        var reply = await client.PullImageAsync(request, channel.Call(timeouts.ImagePull, cancellationToken)).ResponseAsync.ConfigureAwait(false);
        return reply.ImageRef;
    }

    public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken) =>
        client.RemoveImageAsync(new RemoveImageRequest { Image = image }, channel.Call(timeouts.Request, cancellationToken)).ResponseAsync;

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken) =>
        client.ImageFsInfoAsync(new ImageFsInfoRequest(), channel.Call(timeouts.Status, cancellationToken)).ResponseAsync;
}
