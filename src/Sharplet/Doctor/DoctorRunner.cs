namespace Sharplet.Doctor;

/// <summary>Runs the checks one after another (each bounded by its own deadline); a check that throws is a failed check, never a crash.</summary>
internal static class DoctorRunner
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(15);

    public static async Task<IReadOnlyList<CheckResult>> RunAsync(IEnumerable<IDoctorCheck> checks, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var results = new List<CheckResult>();
        foreach (var check in checks)
        {
            using var deadline = new CancellationTokenSource(CheckTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                results.Add(await check.RunAsync(linked.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                results.Add(new CheckResult(check.Name, Verdict.Fail, $"no answer within {CheckTimeout.TotalSeconds:0} s", "find out what hangs (the runtime socket or the API server) and make it answer"));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                results.Add(new CheckResult(check.Name, Verdict.Fail, $"the check itself failed: {ex.Message}", "report this as a Sharplet bug with the message"));
            }
        }

        return results;
    }

    public static bool Healthy(IEnumerable<CheckResult> results) => results.All(r => r.Verdict != Verdict.Fail);
}
