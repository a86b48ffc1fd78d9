using Grpc.Core;
using Sharplet.Cri;

namespace Sharplet.Prober.Handlers;

// Runs a command in the container through CRI ExecSync (upstream probe/exec over the runtime's command
// runner). Exit code 0 is success. The output (stdout then stderr, at most 10 KiB) is what a failed probe's
// event shows; the error is upstream's CodeExitError text, which lifecycle hook messages add. A command that
// outlives its timeout is a failure (ExecProbeTimeout, on by default upstream); any other runtime failure
// means the probe could not run.
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
                : HandlerOutcome.Failure(output, $"command '{string.Join(' ', command)}' exited with {reply.ExitCode}: {reply.Stderr.ToStringUtf8()}");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            // Upstream turns the runtime's DeadlineExceeded into exec.TimeoutError, whose text is the output.
            return HandlerOutcome.Failure($"command {Util.GoQuote.Quote(string.Join(' ', command))} timed out");
        }
        catch (RpcException ex)
        {
            return HandlerOutcome.Errored(GrpcErrorText.Of(ex));
        }
    }

    private static string Truncate(string text) => text.Length <= MaxOutput ? text : text[..MaxOutput];
}
