namespace Sharplet.Events;

internal sealed record ApiEventSinkOptions
{
    // The kubelet's eventRecordQPS and eventBurst: writes of events to the API, beyond the API client's own.
    public double Qps { get; init; } = 50;

    public int Burst { get; init; } = 100;

    // client-go's broadcaster queue: recording never waits; past this many unsent events new ones are dropped.
    public int QueueLength { get; init; } = 1000;

    // client-go's recordToSink: 12 tries, 10 s apart, for failures to reach the server.
    public int MaxTries { get; init; } = 12;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
