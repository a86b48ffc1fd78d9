namespace Sharplet.Doctor;

/// <summary>Free space and inodes of one filesystem the node needs ("nodefs": the root dir; "imagefs": the runtime's images).</summary>
internal sealed record FilesystemFacts(string Signal, string Path, long AvailableBytes, long TotalBytes, long FreeInodes, long TotalInodes);
