namespace Sharplet.Images;

// A pull that failed with every credential it could try; the message is the CRI's reason plus what was tried.
internal sealed class ImagePullException(string message) : Exception(message);
