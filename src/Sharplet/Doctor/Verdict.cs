namespace Sharplet.Doctor;

/// <summary>What a doctor check found: fine, worth a look, broken (the exit code is non-zero), or not applicable.</summary>
internal enum Verdict
{
    Ok,
    Warning,
    Fail,
    Skipped,
}
