namespace Sharplet.Util;

// What identifies one version of a file: a rewrite (same inode, new mtime/ctime/size) and a replacement (new
// inode) both change it, also within the clock's resolution of a second as long as the size or ctime moves.
internal readonly record struct FileStamp(ulong Device, ulong Inode, long Size, long ModifiedSeconds, uint ModifiedNanos, long ChangedSeconds, uint ChangedNanos);
