namespace Sharplet.Doctor;

/// <summary>
/// The node's clock against the API server's (its Date header, one-second resolution): a skewed clock makes
/// fresh certificates "not yet valid" and the node's lease look stale.
/// </summary>
internal sealed class ClockSkewCheck(ApiProbe? probe) : IDoctorCheck
{
    public static readonly TimeSpan WarnAbove = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan FailAbove = TimeSpan.FromSeconds(30);

    public string Name => "clock";

    public static CheckResult Judge(ApiObservation? o)
    {
        if (o is null || !o.Reachable || o.ServerDate is not { } server)
        {
            return CheckResult.Skipped("clock", o is null ? "no --kubeconfig" : "the API server did not answer with a Date");
        }

        // The Date header is truncated to the second: up to one second of apparent skew is no skew.
        var local = o.LocalBefore + ((o.LocalAfter - o.LocalBefore) / 2);
        var skew = local - server;
        var magnitude = skew.Duration() - TimeSpan.FromSeconds(1);
        var text = $"node clock {(skew >= TimeSpan.Zero ? "ahead of" : "behind")} the API server by {skew.Duration().TotalSeconds:0.#} s";
        if (magnitude <= WarnAbove)
        {
            return CheckResult.Ok("clock", $"in step with the API server (within {WarnAbove.TotalSeconds:0} s)");
        }

        return new CheckResult("clock", magnitude > FailAbove ? Verdict.Fail : Verdict.Warning, text, "synchronise the clock (systemd-timesyncd, chrony or ntpd) with the control plane's time source");
    }

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken) =>
        Judge(probe is null ? null : await probe.ObserveAsync(cancellationToken).ConfigureAwait(false));
}
