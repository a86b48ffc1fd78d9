namespace Sharplet.Nodes;

// The pressure conditions the eviction manager holds (upstream's IsUnderMemoryPressure, IsUnderDiskPressure,
// IsUnderPIDPressure), read by the node status and by admission.
internal interface INodePressure
{
    PressureSignals Current { get; }
}
