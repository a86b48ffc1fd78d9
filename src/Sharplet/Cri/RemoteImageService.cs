using Google.Protobuf;
using Sharplet.Cri.V1;
using Sharplet.Grpc;

namespace Sharplet.Cri;

internal sealed class RemoteImageService(GrpcChannel channel, CriTimeouts timeouts) : IImageService
{
    private const string Service = "/runtime.v1.ImageService/";

    public string Endpoint => channel.Endpoint.ToString();

    public async Task<IReadOnlyList<Image>> ListImagesAsync(ImageFilter? filter, CancellationToken cancellationToken)
    {
        var request = new ListImagesRequest();
        if (filter is not null)
        {
            request.Filter = filter;
        }

        var reply = await Call("ListImages", request, ListImagesResponse.Parser, timeouts.Status, cancellationToken).ConfigureAwait(false);
        return reply.Images;
    }

    public async Task<Image?> ImageStatusAsync(ImageSpec image, CancellationToken cancellationToken)
    {
        var reply = await Call("ImageStatus", new ImageStatusRequest { Image = image }, ImageStatusResponse.Parser, timeouts.Status, cancellationToken)
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

        var reply = await Call("PullImage", request, PullImageResponse.Parser, timeouts.ImagePull, cancellationToken).ConfigureAwait(false);
        return reply.ImageRef;
    }

    public Task RemoveImageAsync(ImageSpec image, CancellationToken cancellationToken) =>
        Call("RemoveImage", new RemoveImageRequest { Image = image }, RemoveImageResponse.Parser, timeouts.Request, cancellationToken);

    public Task<ImageFsInfoResponse> ImageFsInfoAsync(CancellationToken cancellationToken) =>
        Call("ImageFsInfo", new ImageFsInfoRequest(), ImageFsInfoResponse.Parser, timeouts.Status, cancellationToken);

    private Task<TResponse> Call<TRequest, TResponse>(string method, TRequest request, MessageParser<TResponse> parser, TimeSpan timeout, CancellationToken cancellationToken)
        where TRequest : IMessage
        where TResponse : class, IMessage<TResponse> =>
        channel.UnaryAsync(Service + method, request, parser, timeout, cancellationToken);
}
