namespace Sharplet.Prober;

internal enum ProbeResult
{
    Unknown,
    Success,
    Failure,
}
