using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.Pleg;
using Sharplet.Statuses;

namespace Sharplet.Server;

// /healthz, /pods, /runningpods/, /spec/ and /configz, in upstream's shapes.
internal sealed class InfoEndpoints(string nodeName, GenericPleg pleg, StatusManager statuses, RuntimePodReader reader, MachineInfo machine, Func<byte[]> configz)
{
    public Task HealthzAsync(HttpContext context) =>
        pleg.IsHealthy(out var problem)
            ? Respond.TextAsync(context, 200, "ok")
            : Respond.TextAsync(context, 500, $"[-]pleg failed: {problem}\nhealthz check failed");

    // The pods bound to this node with the statuses it computed (upstream's GetPods).
    public Task PodsAsync(HttpContext context) => Respond.JsonAsync(context, KubeJson.SerializeToUtf8Bytes(PodListing.Of(statuses)));

    // What the runtime runs, as upstream's GetRunningPods: name, namespace and UID, and each running
    // container's name and image.
    public async Task RunningPodsAsync(HttpContext context)
    {
        var snapshot = await reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false);
        var list = new PodList
        {
            ApiVersion = "v1",
            Kind = "PodList",
            Metadata = new ListMeta(),
            Items = snapshot.Pods.Values
                .Where(p => (p.NodeName is null || p.NodeName == nodeName) && p.Containers.Any(c => c.State == RuntimeContainerState.Running))
                .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new Pod
                {
                    Metadata = new ObjectMeta { Name = p.Name, Namespace = p.Namespace, Uid = p.Uid },
                    Spec = new PodSpec
                    {
                        Containers = p.Containers.Where(c => c.State == RuntimeContainerState.Running)
                            .Select(c => new Container { Name = c.Name, Image = c.Image }).ToList(),
                    },
                })
                .ToList(),
        };
        await Respond.JsonAsync(context, KubeJson.SerializeToUtf8Bytes(list)).ConfigureAwait(false);
    }

    public Task ConfigzAsync(HttpContext context) => Respond.JsonAsync(context, configz());

    // cadvisor's MachineInfo, the fields a Sharplet node knows.
    public Task SpecAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("timestamp", DateTimeOffset.UtcNow);
            w.WriteNumber("num_cores", machine.NumCores);
            w.WriteNumber("num_physical_cores", machine.NumCores);
            w.WriteNumber("num_sockets", 1);
            w.WriteNumber("cpu_frequency_khz", 0);
            w.WriteNumber("memory_capacity", machine.MemoryCapacity);
            w.WriteNumber("swap_capacity", 0);
            w.WriteString("machine_id", machine.MachineId);
            w.WriteString("system_uuid", machine.SystemUuid);
            w.WriteString("boot_id", machine.BootId);
            w.WriteString("kernel_version", machine.KernelVersion);
            w.WriteString("os_image", machine.OsImage);
            w.WriteString("cloud_provider", "Unknown");
            w.WriteString("instance_type", "Unknown");
            w.WriteString("instance_id", "None");
            w.WriteEndObject();
        }

        return Respond.JsonAsync(context, buffer.ToArray());
    }
}
