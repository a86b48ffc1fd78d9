using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sharplet.Hosting;

// The agent's host lifetime (in place of the generic host's ConsoleLifetime, which stops silently): SIGTERM
// and SIGINT stop Sharplet and say so in one line. As the upstream kubelet, stopping the agent does not stop
// the pods: their containers run on in the runtime and the next start adopts them. The process then exits 0
// (the command returns once the host has stopped), so systemd's Restart=always sees a clean stop.
internal sealed partial class SignalLifetime(IHostApplicationLifetime lifetime, ILogger<SignalLifetime> logger) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> registrations = [];
    private int signalled;

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => registrations.ForEach(r => r.Dispose());

    private void OnSignal(PosixSignalContext context)
    {
        // The default action (terminate at once) would skip the orderly stop of the loops and the log line.
        context.Cancel = true;
        if (Interlocked.Exchange(ref signalled, 1) == 0)
        {
            LogStopping(logger, context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT");
        }

        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Received {Signal}: Sharplet stops; the pods keep running (as with the upstream kubelet) and the next start adopts them")]
    private static partial void LogStopping(ILogger logger, string signal);
}
