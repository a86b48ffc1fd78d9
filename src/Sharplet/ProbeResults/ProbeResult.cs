namespace Sharplet.ProbeResults;

internal enum ProbeResult
{
    Unknown,
    Success,
    Failure,
}
