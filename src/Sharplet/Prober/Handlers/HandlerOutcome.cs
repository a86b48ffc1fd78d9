namespace Sharplet.Prober.Handlers;

// The verdict of one probe or hook action. Output is what the probe said (exec output, HTTP body or the
// failure in upstream's words) and goes into Unhealthy events; Error is the error text, which lifecycle hook
// messages carry next to the output (for exec: "command 'x' exited with 1: <stderr>").
internal sealed record HandlerOutcome(HandlerVerdict Verdict, string Output, string? Error = null)
{
    public bool Succeeded => Verdict is HandlerVerdict.Success or HandlerVerdict.Warning;

    public static HandlerOutcome Success(string output = "") => new(HandlerVerdict.Success, output);

    public static HandlerOutcome Warning(string output) => new(HandlerVerdict.Warning, output);

    public static HandlerOutcome Failure(string output, string? error = null) => new(HandlerVerdict.Failure, output, error ?? output);

    public static HandlerOutcome Errored(string error) => new(HandlerVerdict.Error, string.Empty, error);
}
