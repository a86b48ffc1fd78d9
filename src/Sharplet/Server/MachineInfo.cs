namespace Sharplet.Server;

// The machine facts /spec/ reports (cadvisor's MachineInfo fields the kubelet serves).
internal sealed record MachineInfo(int NumCores, long MemoryCapacity, string MachineId, string SystemUuid, string BootId, string KernelVersion, string OsImage);
