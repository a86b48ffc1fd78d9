namespace Sharplet.Server.Stats;

internal sealed record FsSample(DateTimeOffset Time, ulong? CapacityBytes, ulong? AvailableBytes, ulong UsedBytes);
