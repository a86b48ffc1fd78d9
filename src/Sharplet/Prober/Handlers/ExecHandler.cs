using Sharplet.Cri;
using Sharplet.Grpc;

namespace Sharplet.Prober.Handlers;

// Runs a command in the container through CRI ExecSync; exit code 0 is success. A command that outlives its
// timeout is a failure, as upstream treats it since exec probe timeouts are enforced.
internal sealed class ExecHandler(IRuntimeService runtime)
{
    private const int MaxOutput = 10 * 1024;

    public async Task<HandlerOutcome> RunAsync(string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await runtime.ExecSyncAsync(containerId, command, timeout, cancellationToken).ConfigureAwait(false);
            var output = Truncate(reply.Stdout.ToStringUtf8() + reply.Stderr.ToStringUtf8());
            return reply.ExitCode == 0
                ? HandlerOutcome.Success(output)
                : HandlerOutcome.Failure($"command {Quote(command)} exited with {reply.ExitCode}: {output}".TrimEnd(' ', ':'));
        }
        catch (GrpcException ex) when (ex.Code == GrpcStatusCode.DeadlineExceeded)
        {
            return HandlerOutcome.Failure($"command {Quote(command)} timed out after {timeout.TotalSeconds:0.###}s");
        }
        catch (GrpcException ex)
        {
            return HandlerOutcome.Failure($"exec of {Quote(command)} failed: {ex.Detail}");
        }
    }

    private static string Quote(IReadOnlyList<string> command) => "'" + string.Join(' ', command) + "'";

    private static string Truncate(string text) => text.Length <= MaxOutput ? text : text[..MaxOutput];
}
