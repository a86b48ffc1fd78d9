namespace Sharplet.Cri;

internal sealed class CriConnectException(string message, Exception? inner = null) : Exception(message, inner);
