namespace Sharplet.Server.Stats;

// The node facts the stats need: its name, boot time, memory capacity, root dir (nodefs) and pod log dir.
internal sealed record StatsNodeInfo(string NodeName, DateTimeOffset StartTime, ulong MemoryCapacity, string RootDir, string PodLogsDir);
