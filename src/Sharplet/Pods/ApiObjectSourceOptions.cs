namespace Sharplet.Pods;

internal sealed record ApiObjectSourceOptions
{
    // How long a ConfigMap or Secret read from the API is reused (upstream's TTL cache strategy; its default
    // TTL is one minute unless the node's ttl annotation says otherwise).
    public TimeSpan Ttl { get; init; } = TimeSpan.FromMinutes(1);

    // How long "not found" is believed. Shorter than Ttl on purpose: upstream refetches whenever a pod that
    // refers to the object is (re)registered, so a user who creates the missing object sees the pod start
    // soon; without that hook a short negative TTL gives the same effect.
    public TimeSpan NotFoundTtl { get; init; } = TimeSpan.FromSeconds(2);

    // A read must not hold a pod worker for the client's whole minute-long request timeout.
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
