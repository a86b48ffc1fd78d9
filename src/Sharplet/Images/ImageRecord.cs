namespace Sharplet.Images;

// What image GC knows of one image (upstream imageRecord): when it was first seen, when a container last used
// it, its size, and whether the runtime pins it (the sandbox image).
internal sealed record ImageRecord(string Id, DateTimeOffset FirstDetected, DateTimeOffset LastUsed, long Size, bool Pinned, bool InUse);
