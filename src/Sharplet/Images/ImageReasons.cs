namespace Sharplet.Images;

internal static class ImageReasons
{
    public const string ErrImagePull = "ErrImagePull";
    public const string ImagePullBackOff = "ImagePullBackOff";
    public const string ErrImageNeverPull = "ErrImageNeverPull";
    public const string InvalidImageName = "InvalidImageName";
    public const string ErrImageInspect = "ImageInspectError";
}
