namespace Sharplet.Doctor;

/// <summary>One check's verdict, what it saw, and (unless it is fine) the fix in one sentence.</summary>
internal sealed record CheckResult(string Check, Verdict Verdict, string Detail, string? Fix = null)
{
    public static CheckResult Ok(string check, string detail) => new(check, Verdict.Ok, detail);

    public static CheckResult Skipped(string check, string why) => new(check, Verdict.Skipped, why);
}
