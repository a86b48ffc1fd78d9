namespace Sharplet.Prober.Handlers;

// The verdict of one probe or hook action, with what it said (exec output, HTTP body or error) for events.
internal sealed record HandlerOutcome(ProbeResult Result, string Output)
{
    public static HandlerOutcome Success(string output = "") => new(ProbeResult.Success, output);

    public static HandlerOutcome Failure(string output) => new(ProbeResult.Failure, output);
}
