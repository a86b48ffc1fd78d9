using Grpc.Core;

namespace Sharplet.Prober.Handlers;

// grpc-go's error text ("rpc error: code = Unavailable desc = ..."), which upstream puts into probe and hook
// messages when a call fails. Code names are Go's (Canceled with one l).
internal static class GrpcErrorText
{
    public static string Of(RpcException error) => $"rpc error: code = {CodeName(error.StatusCode)} desc = {error.Status.Detail}";

    public static string CodeName(StatusCode code) => code == StatusCode.Cancelled ? "Canceled" : code.ToString();
}
