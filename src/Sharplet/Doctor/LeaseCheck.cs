using Sharplet.KubeClient;

namespace Sharplet.Doctor;

/// <summary>The node's lease is fresh: renewed within its duration, so the control plane sees the node alive.</summary>
internal sealed class LeaseCheck(ApiProbe? probe, Func<KubeApiClient> client, string nodeName, TimeProvider time) : IDoctorCheck
{
    public string Name => "node-lease";

    public static CheckResult Judge(LeaseObservation? o, DateTimeOffset now)
    {
        if (o is null)
        {
            return CheckResult.Skipped("node-lease", "no --kubeconfig (or the API server did not answer)");
        }

        if (o.Error is { } error)
        {
            return new CheckResult("node-lease", Verdict.Fail, $"cannot read lease kube-node-lease/{o.NodeName}: {error}", "give the node read access to its lease (the system:node ClusterRole)");
        }

        if (!o.Found || o.RenewTime is not { } renewed)
        {
            return new CheckResult("node-lease", Verdict.Fail, $"node {o.NodeName} has no lease in kube-node-lease", "start Sharplet with --kubeconfig (the node creates its lease once it has joined)");
        }

        var age = now - renewed;
        var duration = TimeSpan.FromSeconds(o.DurationSeconds ?? 40);
        return age <= duration
            ? CheckResult.Ok("node-lease", $"renewed {Math.Max(0, age.TotalSeconds):0} s ago (holds {duration.TotalSeconds:0} s)")
            : new CheckResult("node-lease", Verdict.Fail, $"last renewed {age.TotalSeconds:0} s ago, longer than its {duration.TotalSeconds:0} s: the control plane considers the node gone",
                "check that Sharplet runs (systemctl status) and can reach the API server");
    }

    public async Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        if (probe is null || !(await probe.ObserveAsync(cancellationToken).ConfigureAwait(false)).Reachable)
        {
            return Judge(null, time.GetUtcNow());
        }

        LeaseObservation observation;
        try
        {
            var lease = await client().GetAsync(KubeResources.Leases, "kube-node-lease", nodeName, cancellationToken).ConfigureAwait(false);
            observation = new LeaseObservation(nodeName, true, lease.Spec?.RenewTime, lease.Spec?.LeaseDurationSeconds);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            observation = new LeaseObservation(nodeName, false, null, null);
        }
        catch (Exception ex) when (ex is KubeApiException or KubeConnectionException or TimeoutException)
        {
            observation = new LeaseObservation(nodeName, false, null, null, ex.Message);
        }

        return Judge(observation, time.GetUtcNow());
    }
}
