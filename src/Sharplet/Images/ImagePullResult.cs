namespace Sharplet.Images;

// Either the image reference to create the container from, or the waiting reason and message the container
// shows (ErrImagePull, ImagePullBackOff, ErrImageNeverPull, InvalidImageName).
internal sealed record ImagePullResult(string? ImageRef, string? Reason, string? Message)
{
    public bool Ok => Reason is null;

    public static ImagePullResult Success(string imageRef) => new(imageRef, null, null);

    public static ImagePullResult Failure(string reason, string message) => new(null, reason, message);
}
