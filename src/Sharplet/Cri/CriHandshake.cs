using Grpc.Core;
using Sharplet.Cri.V1;

namespace Sharplet.Cri;

// The first words with a runtime: Version proves the socket answers and speaks CRI v1, Status tells whether
// the runtime and its network are ready. Failures become one sentence an operator can act on.
internal static class CriHandshake
{
    public const string ApiVersion = "v1";

    public static async Task<RuntimeVersionInfo> ConnectAsync(IRuntimeService runtime, CancellationToken cancellationToken)
    {
        VersionResponse version;
        try
        {
            version = await runtime.VersionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
        {
            throw new CriConnectException(
                $"container runtime at {runtime.Endpoint} does not serve the CRI v1 API (runtime.v1.RuntimeService is unimplemented: {ex.Status.Detail}); " +
                "Sharplet needs a runtime with CRI v1, such as containerd 1.6+ or CRI-O 1.23+", ex);
        }
        catch (RpcException ex)
        {
            throw new CriConnectException($"cannot reach the container runtime at {runtime.Endpoint}: {ex.Status.Detail} ({ex.StatusCode})", ex);
        }

        if (!string.Equals(version.RuntimeApiVersion, ApiVersion, StringComparison.Ordinal)
            && !version.RuntimeApiVersion.StartsWith("v1.", StringComparison.Ordinal))
        {
            throw new CriConnectException(
                $"container runtime at {runtime.Endpoint} ({version.RuntimeName} {version.RuntimeVersion}) speaks CRI API '{version.RuntimeApiVersion}', Sharplet needs '{ApiVersion}'");
        }

        StatusResponse status;
        try
        {
            status = await runtime.StatusAsync(verbose: false, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            throw new CriConnectException($"container runtime at {runtime.Endpoint} answered Version but not Status: {ex.Status.Detail} ({ex.StatusCode})", ex);
        }

        return new RuntimeVersionInfo(version.RuntimeName, version.RuntimeVersion, version.RuntimeApiVersion, RuntimeConditions.From(status));
    }
}
