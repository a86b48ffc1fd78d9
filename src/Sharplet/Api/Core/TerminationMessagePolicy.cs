namespace Sharplet.Api;

/// <summary>core/v1 TerminationMessagePolicy values.</summary>
internal static class TerminationMessagePolicy
{
    public const string File = "File";

    public const string FallbackToLogsOnError = "FallbackToLogsOnError";
}
