namespace Sharplet.Doctor;

/// <summary>The runtime reports RuntimeReady and NetworkReady (the node is NotReady otherwise).</summary>
internal sealed class RuntimeReadyCheck(CriProbe probe) : IDoctorCheck
{
    public string Name => "runtime-ready";

    public static CheckResult Judge(CriObservation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!o.Answered || o.Conditions is not { } conditions)
        {
            return CheckResult.Skipped("runtime-ready", "the runtime did not answer");
        }

        if (!conditions.RuntimeReady)
        {
            return new CheckResult("runtime-ready", Verdict.Fail, conditions.Problem ?? "RuntimeReady is false", "read the runtime's log (journalctl -u containerd) for why it is not ready");
        }

        return conditions.NetworkReady
            ? CheckResult.Ok("runtime-ready", "RuntimeReady and NetworkReady")
            : new CheckResult("runtime-ready", Verdict.Fail, conditions.Problem ?? "NetworkReady is false",
                "install a CNI network (a config in the runtime's CNI config directory and its plugin binaries); see the cni check");
    }

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken) => Judge(await probe.ObserveAsync(cancellationToken).ConfigureAwait(false));
}
