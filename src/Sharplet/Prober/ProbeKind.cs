namespace Sharplet.Prober;

internal enum ProbeKind
{
    Liveness,
    Readiness,
    Startup,
}
