namespace Sharplet.Server.Stats;

// One network interface's counters from /proc/<pid>/net/dev.
internal sealed record InterfaceSample(string Name, ulong RxBytes, ulong RxErrors, ulong TxBytes, ulong TxErrors);
