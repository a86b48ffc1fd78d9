namespace Sharplet.Cri;

internal sealed record CriTimeouts
{
    // Upstream --runtime-request-timeout: the bound for every call that changes state.
    public TimeSpan Request { get; init; } = TimeSpan.FromMinutes(2);

    // Reads (status, lists, version) answer in well under a millisecond on a healthy runtime; a runtime that
    // takes longer is stuck, and the relist must not wait minutes to say so.
    public TimeSpan Status { get; init; } = TimeSpan.FromSeconds(30);

    // Pulls have no natural bound (image size over bandwidth); they stop when the caller cancels.
    public TimeSpan ImagePull { get; init; } = Timeout.InfiniteTimeSpan;
}
