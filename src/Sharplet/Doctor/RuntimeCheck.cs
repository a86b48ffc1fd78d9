namespace Sharplet.Doctor;

/// <summary>The runtime socket is there and answers CRI v1 Version.</summary>
internal sealed class RuntimeCheck(CriProbe probe) : IDoctorCheck
{
    public string Name => "runtime";

    public static CheckResult Judge(CriObservation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!o.SocketExists)
        {
            return new CheckResult("runtime", Verdict.Fail, $"no runtime socket at {o.Endpoint}: {o.Error}",
                "start the container runtime (e.g. systemctl start containerd) or point --container-runtime-endpoint at its socket");
        }

        if (!o.Answered)
        {
            return new CheckResult("runtime", Verdict.Fail, $"the runtime at {o.Endpoint} does not answer: {o.Error}",
                "check that the runtime is running and serves CRI on that socket (containerd: the cri plugin must not be disabled)");
        }

        if (o.ApiVersion != "v1" && o.ApiVersion?.StartsWith("v1.", StringComparison.Ordinal) != true)
        {
            return new CheckResult("runtime", Verdict.Fail, $"{o.RuntimeName} {o.RuntimeVersion} at {o.Endpoint} speaks CRI {o.ApiVersion}",
                "upgrade to a runtime with CRI v1 (containerd 1.6+, CRI-O 1.23+)");
        }

        return CheckResult.Ok("runtime", $"{o.RuntimeName} {o.RuntimeVersion} (CRI {o.ApiVersion}) at {o.Endpoint}");
    }

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken) => Judge(await probe.ObserveAsync(cancellationToken).ConfigureAwait(false));
}
