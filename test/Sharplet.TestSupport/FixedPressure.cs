using Sharplet.Nodes;

namespace Sharplet.TestSupport;

// Pressure conditions a test sets.
internal sealed class FixedPressure(PressureSignals current) : INodePressure
{
    public PressureSignals Current { get; set; } = current;
}
