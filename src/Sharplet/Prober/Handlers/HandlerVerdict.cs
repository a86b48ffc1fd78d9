namespace Sharplet.Prober.Handlers;

// Upstream's probe.Result plus its error return: Warning is a success worth an event (a redirect the prober
// did not follow); Error means the probe could not be run at all (bad port name, the runtime failing), and
// its verdict is thrown away rather than counted against the container.
internal enum HandlerVerdict
{
    Success,
    Warning,
    Failure,
    Error,
}
