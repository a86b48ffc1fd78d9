using System.Net;
using Sharplet.Api;

namespace Sharplet.KubeClient;

/// <summary>
/// The API server answered with a failure (a non-2xx response, or an ERROR event in a watch). Carries the
/// server's metav1.Status and the request that got it, so callers branch on <see cref="Reason"/> or
/// <see cref="Code"/> rather than on message text.
/// </summary>
/// <remarks>
/// The Status type is written <c>Api.Status</c> throughout this namespace: a <c>Sharplet.Status</c> namespace
/// (the kubelet's status manager) would otherwise be found first by name lookup from <c>Sharplet.KubeClient</c>.
/// </remarks>
internal sealed class KubeApiException : Exception
{
    public KubeApiException()
    {
        Status = new Api.Status();
        Method = string.Empty;
        Path = string.Empty;
    }

    public KubeApiException(string message)
        : base(message)
    {
        Status = new Api.Status { Message = message };
        Method = string.Empty;
        Path = string.Empty;
    }

    public KubeApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Status = new Api.Status { Message = message };
        Method = string.Empty;
        Path = string.Empty;
    }

    public KubeApiException(Api.Status status, string method, string path, string? detail = null)
        : base(Format(status, method, path, detail))
    {
        Status = status;
        Method = method;
        Path = path;
    }

    public Api.Status Status { get; }

    public string Method { get; }

    /// <summary>The request path without the query, e.g. /api/v1/namespaces/default/pods/web.</summary>
    public string Path { get; }

    public int Code => Status.Code ?? 0;

    public string? Reason => Status.Reason;

    public bool IsNotFound => Code == (int)HttpStatusCode.NotFound;

    public bool IsConflict => Code == (int)HttpStatusCode.Conflict;

    public bool IsAlreadyExists => string.Equals(Reason, StatusReason.AlreadyExists, StringComparison.Ordinal);

    /// <summary>410: a resourceVersion or continue token the server no longer has; the caller must relist.</summary>
    public bool IsGone => IsGoneStatus(Status);

    public bool IsUnauthorized => Code is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden;

    public static bool IsGoneStatus(Api.Status? status) =>
        status is not null
        && (status.Code == (int)HttpStatusCode.Gone
            || string.Equals(status.Reason, StatusReason.Expired, StringComparison.Ordinal)
            || string.Equals(status.Reason, StatusReason.Gone, StringComparison.Ordinal));

    private static string Format(Api.Status status, string method, string path, string? detail)
    {
        ArgumentNullException.ThrowIfNull(status);
        var reason = string.IsNullOrEmpty(status.Reason) ? "Failure" : status.Reason;
        var text = $"{method} {path}: {status.Code} {reason}";
        if (!string.IsNullOrEmpty(status.Message))
        {
            text += ": " + status.Message.TrimEnd('.');
        }

        if (!string.IsNullOrEmpty(detail))
        {
            text += " (" + detail + ")";
        }

        return text + ".";
    }
}
