using Sharplet.Api;

namespace Sharplet.Eviction;

// The pods eviction may pick from and the way to stop one (upstream's ActivePodsFunc and PodTerminator).
internal interface IPodEvictor
{
    IReadOnlyList<Pod> ActivePods();

    // Kills the pod with the grace period and reports it Failed with reason Evicted and the message; returns once
    // its containers are down (or after upstream's 30 s cleanup timeout).
    Task<bool> EvictAsync(Pod pod, long gracePeriodSeconds, string message, CancellationToken cancellationToken);
}
