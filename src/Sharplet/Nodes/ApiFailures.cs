using System.Net;
using Sharplet.KubeClient;

namespace Sharplet.Nodes;

// Sorts API failures into those that retrying soon may fix (no connection, timeouts, 5xx, 429, conflicts) and
// those it cannot (the server refused who we are or what we sent, or its certificate is not trusted): the
// latter fail Sharplet's start, and while running they send the loops straight to their backoff cap.
internal static class ApiFailures
{
    public static bool IsPermanent(Exception ex) => ex switch
    {
        KubeApiException api => api.IsUnauthorized
            || (api.Code is >= 400 and < 500 && api.Code is not ((int)HttpStatusCode.NotFound or (int)HttpStatusCode.RequestTimeout
                or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.TooManyRequests)),
        KubeConnectionException connection => connection.IsTlsFailure,
        _ => false,
    };
}
