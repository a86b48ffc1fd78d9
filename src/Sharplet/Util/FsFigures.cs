namespace Sharplet.Util;

internal sealed record FsFigures(long CapacityBytes, long AvailableBytes, long Inodes, long InodesFree);
