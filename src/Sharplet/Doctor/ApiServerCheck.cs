namespace Sharplet.Doctor;

/// <summary>The API server of --kubeconfig answers, and accepts the node's identity.</summary>
internal sealed class ApiServerCheck(ApiProbe? probe) : IDoctorCheck
{
    public string Name => "api-server";

    public static CheckResult Judge(ApiObservation? o)
    {
        if (o is null)
        {
            return CheckResult.Skipped("api-server", "no --kubeconfig: standalone node");
        }

        if (o.KubeconfigError is { } bad)
        {
            return new CheckResult("api-server", Verdict.Fail, bad, "fix the kubeconfig (or rerun TLS bootstrap with --bootstrap-kubeconfig)");
        }

        if (o.StatusCode is 401 or 403)
        {
            return new CheckResult("api-server", Verdict.Fail, $"{o.Server} refused the node's identity: {o.Error}",
                "give the node a valid credential (an unexpired client certificate for system:node:<name>, or bootstrap again)");
        }

        if (!o.Reachable)
        {
            return new CheckResult("api-server", Verdict.Fail, $"cannot reach {o.Server}: {o.Error}",
                "check that kube-apiserver runs, the kubeconfig's server URL and CA are right, and nothing blocks the port");
        }

        return CheckResult.Ok("api-server", $"{o.Server} answers ({o.ServerVersion ?? "version unknown"})");
    }

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken) =>
        Judge(probe is null ? null : await probe.ObserveAsync(cancellationToken).ConfigureAwait(false));
}
