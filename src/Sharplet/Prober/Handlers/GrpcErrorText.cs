using Sharplet.Grpc;

namespace Sharplet.Prober.Handlers;

// grpc-go's error text ("rpc error: code = Unavailable desc = ..."), which upstream puts into probe and hook
// messages when a call fails. Code names are Go's (Canceled with one l).
internal static class GrpcErrorText
{
    public static string Of(GrpcException error) => $"rpc error: code = {CodeName(error.Code)} desc = {error.Detail}";

    public static string CodeName(GrpcStatusCode code) => code == GrpcStatusCode.Cancelled ? "Canceled" : code.ToString();
}
