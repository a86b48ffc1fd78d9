namespace Sharplet.Api;

/// <summary>Watch event types; BOOKMARK and ERROR carry no object of the watched kind.</summary>
internal static class WatchEventType
{
    public const string Added = "ADDED";

    public const string Modified = "MODIFIED";

    public const string Deleted = "DELETED";

    public const string Bookmark = "BOOKMARK";

    public const string Error = "ERROR";
}
