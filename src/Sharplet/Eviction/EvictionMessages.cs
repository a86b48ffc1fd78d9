using System.Text;
using Sharplet.Api;

namespace Sharplet.Eviction;

// Upstream's eviction texts (pkg/kubelet/eviction/helpers.go): the status reason, the node-low message with the
// threshold and what was available, one sentence per container over its request, and the admission refusal.
internal static class EvictionMessages
{
    public const string Reason = "Evicted";

    // Upstream's node event when a threshold drives eviction (every pass while it does).
    public const string ThresholdMetEvent = "EvictionThresholdMet";

    public const string TerminationByKubelet = "TerminationByKubelet";

    public static string Eviction(string resource, Pod pod, PodUsage? usage, long? thresholdQuantity, long? available)
    {
        var message = new StringBuilder($"The node was low on resource: {resource}. ");
        if (thresholdQuantity is { } q && available is { } a)
        {
            message.Append($"Threshold quantity: {Format(resource, q)}, available: {Format(resource, a)}. ");
        }

        if (usage is null)
        {
            return message.ToString();
        }

        var containers = (pod.Spec?.Containers ?? []).Concat(pod.Spec?.InitContainers ?? []).ToList();
        foreach (var stats in usage.Containers)
        {
            if (containers.FirstOrDefault(c => c.Name == stats.Name) is not { } container)
            {
                continue;
            }

            long? used = resource switch
            {
                ResourceName.Memory => stats.MemoryWorkingSet,
                ResourceName.EphemeralStorage when stats.RootfsBytes is { } r && stats.LogsBytes is { } l => r + l,
                _ => null,
            };
            var request = container.Resources?.Requests is { } requests && requests.TryGetValue(resource, out var rq) ? rq : Quantity.Zero;
            if (used is { } u && u > request.Value())
            {
                message.Append($"Container {container.Name} was using {Format(resource, u)}, request is {request}, has larger consumption of {resource}. ");
            }
        }

        return message.ToString();
    }

    // Bytes as upstream's BinarySI quantities print them ("100Mi", "1234Ki"); counts as plain numbers.
    private static string Format(string resource, long value) =>
        resource is ResourceName.Memory or ResourceName.EphemeralStorage
            ? Quantity.FromInt64(value, QuantityFormat.BinarySI).ToString()
            : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
