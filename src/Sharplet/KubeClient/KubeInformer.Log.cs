using Microsoft.Extensions.Logging;

namespace Sharplet.KubeClient;

internal sealed partial class KubeInformer<T, TList>
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listed {Resource}: {Count} objects, {Changes} changes, resourceVersion {ResourceVersion}")]
    private static partial void LogListed(ILogger logger, string resource, int count, int changes, string resourceVersion);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watching {Resource} from resourceVersion {ResourceVersion} (server timeout {TimeoutSeconds:0}s)")]
    private static partial void LogWatching(ILogger logger, string resource, string? resourceVersion, double timeoutSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch of {Resource} ended by the server; resuming from resourceVersion {ResourceVersion}")]
    private static partial void LogWatchEnded(ILogger logger, string resource, string? resourceVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watch of {Resource}: resourceVersion too old (410), relisting")]
    private static partial void LogExpired(ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Resource} ended at once with nothing received; retrying in {DelayMs:0} ms")]
    private static partial void LogWatchTooShort(ILogger logger, string resource, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The API server refused to list or watch {Resource}: {Error} Retrying in {DelaySeconds:0} s; the credentials need fixing")]
    private static partial void LogUnauthorized(ILogger logger, string resource, string error, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} of {Resource} failed: {Error} Retrying in {DelayMs:0} ms")]
    private static partial void LogFailed(ILogger logger, string resource, string operation, string error, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch of {Resource}: ignoring an event of unknown type {Type}")]
    private static partial void LogUnknownEvent(ILogger logger, string resource, string type);
}
