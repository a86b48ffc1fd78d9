namespace Sharplet.KubeContainer;

// Why a container is killed, where it changes how (upstream containerKillReason): a container killed for a
// failed liveness or startup probe gets that probe's terminationGracePeriodSeconds when it sets one.
internal enum KillReason
{
    Other,
    LivenessProbe,
    StartupProbe,
    FailedPostStartHook,
}
