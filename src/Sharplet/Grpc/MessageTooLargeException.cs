namespace Sharplet.Grpc;

// Distinguished from other framing errors because gRPC reports it as RESOURCE_EXHAUSTED, not INTERNAL.
internal sealed class MessageTooLargeException(string message) : IOException(message);
