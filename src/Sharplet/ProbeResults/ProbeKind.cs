namespace Sharplet.ProbeResults;

internal enum ProbeKind
{
    Liveness,
    Readiness,
    Startup,
}
