namespace Sharplet.Api;

/// <summary>Common metav1.StatusReason values; Expired and Gone tell a watch to relist.</summary>
internal static class StatusReason
{
    public const string Unauthorized = "Unauthorized";

    public const string Forbidden = "Forbidden";

    public const string NotFound = "NotFound";

    public const string AlreadyExists = "AlreadyExists";

    public const string Conflict = "Conflict";

    public const string Gone = "Gone";

    public const string Invalid = "Invalid";

    public const string ServerTimeout = "ServerTimeout";

    public const string Timeout = "Timeout";

    public const string TooManyRequests = "TooManyRequests";

    public const string BadRequest = "BadRequest";

    public const string MethodNotAllowed = "MethodNotAllowed";

    public const string NotAcceptable = "NotAcceptable";

    public const string RequestEntityTooLarge = "RequestEntityTooLarge";

    public const string UnsupportedMediaType = "UnsupportedMediaType";

    public const string InternalError = "InternalError";

    public const string Expired = "Expired";

    public const string ServiceUnavailable = "ServiceUnavailable";
}
