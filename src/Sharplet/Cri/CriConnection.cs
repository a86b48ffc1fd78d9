using Sharplet.Grpc;

namespace Sharplet.Cri;

// Owns the channels to the runtime and image endpoints (the same socket unless --image-service-endpoint
// names another one) and the two service facades over them.
internal sealed class CriConnection : IDisposable
{
    private readonly RpcChannel runtimeChannel;
    private readonly RpcChannel? imageChannel;

    public CriConnection(string runtimeEndpoint, string? imageEndpoint, GrpcChannelOptions options, CriTimeouts timeouts, TimeProvider time)
    {
        runtimeChannel = new RpcChannel(GrpcEndpoint.Parse(runtimeEndpoint), options, time);
        if (!string.IsNullOrEmpty(imageEndpoint) && !string.Equals(imageEndpoint, runtimeEndpoint, StringComparison.Ordinal))
        {
            imageChannel = new RpcChannel(GrpcEndpoint.Parse(imageEndpoint), options, time);
        }

        Runtime = new RemoteRuntimeService(runtimeChannel, timeouts);
        Images = new RemoteImageService(imageChannel ?? runtimeChannel, timeouts);
    }

    public IRuntimeService Runtime { get; }

    public IImageService Images { get; }

    public void Dispose()
    {
        runtimeChannel.Dispose();
        imageChannel?.Dispose();
    }
}
