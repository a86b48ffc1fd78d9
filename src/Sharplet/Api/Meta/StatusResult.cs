namespace Sharplet.Api;

/// <summary>Values of <see cref="Status.Result"/> (metav1.StatusSuccess and StatusFailure).</summary>
internal static class StatusResult
{
    public const string Success = "Success";

    public const string Failure = "Failure";
}
