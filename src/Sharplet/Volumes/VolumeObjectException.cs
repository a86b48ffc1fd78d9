namespace Sharplet.Volumes;

// An object a volume shows could not be read (the API refused or could not be reached); the message names
// the object and the reason.
internal sealed class VolumeObjectException(string message, Exception? inner = null) : Exception(message, inner);
