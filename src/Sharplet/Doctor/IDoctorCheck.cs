namespace Sharplet.Doctor;

/// <summary>
/// One thing `sharplet doctor` looks at. Each check gathers its observation (the I/O: a socket, a file, an API
/// call) and hands it to a pure judge, which the unit tests drive with made-up observations.
/// </summary>
internal interface IDoctorCheck
{
    string Name { get; }

    Task<CheckResult> RunAsync(CancellationToken cancellationToken);
}
