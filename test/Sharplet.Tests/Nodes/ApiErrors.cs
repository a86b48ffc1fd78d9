using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Tests.Nodes;

// The failures the API client raises, as the node and lease fakes throw them.
internal static class ApiErrors
{
    public static KubeApiException Status(int code, string reason, string method = "GET", string path = "/api/v1/nodes/n1") =>
        new(new Sharplet.Api.Status { Code = code, Reason = reason, Message = $"{reason.ToLowerInvariant()} for the test" }, method, path);

    public static KubeApiException NotFound() => Status(404, StatusReason.NotFound);

    public static KubeApiException Forbidden() => Status(403, StatusReason.Forbidden);

    public static KubeApiException Conflict() => Status(409, StatusReason.Conflict, "PUT");

    public static KubeApiException AlreadyExists() => Status(409, StatusReason.AlreadyExists, "POST");

    public static KubeConnectionException Refused() =>
        new("Cannot reach the API server https://10.0.0.1:6443 (cluster \"c\" in kubeconfig /k): Connection refused.", new Uri("https://10.0.0.1:6443"), isTlsFailure: false, null);
}
