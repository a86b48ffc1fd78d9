namespace Sharplet.Grpc;

// One exception type for every failed call, so that callers switch on Code and an operator reads one line
// that names the endpoint, the method and what the peer (or the transport) said.
internal sealed class GrpcException : Exception
{
    public GrpcException(GrpcStatusCode code, string detail, string endpoint, string method, Exception? inner = null)
        : base($"rpc {method} on {endpoint} failed: {code}: {detail}", inner)
    {
        Code = code;
        Detail = detail;
        Endpoint = endpoint;
        Method = method;
    }

    public GrpcStatusCode Code { get; }

    // The peer's grpc-message (or the transport's explanation), without the endpoint and method decoration.
    public string Detail { get; }

    public string Endpoint { get; }

    public string Method { get; }
}
