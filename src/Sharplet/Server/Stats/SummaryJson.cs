using System.Globalization;
using System.Text.Json;

namespace Sharplet.Server.Stats;

// The stats/v1alpha1 Summary JSON, written field by field (no reflection); absent figures are left out as
// upstream's omitempty pointers are.
internal static class SummaryJson
{
    public static byte[] Write(Summary summary)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("node");
            var n = summary.Node;
            w.WriteString("nodeName", n.NodeName);
            w.WriteStartArray("systemContainers");
            foreach (var c in n.SystemContainers)
            {
                Container(w, c);
            }

            w.WriteEndArray();
            Time(w, "startTime", n.StartTime);
            Cpu(w, n.Cpu);
            Memory(w, n.Memory);
            Network(w, n.Network, n.Cpu?.Time ?? n.StartTime);
            Fs(w, "fs", n.Fs);
            if (n.ImageFs is not null)
            {
                w.WriteStartObject("runtime");
                Fs(w, "imageFs", n.ImageFs);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("pods");
            foreach (var p in summary.Pods)
            {
                w.WriteStartObject();
                w.WriteStartObject("podRef");
                w.WriteString("name", p.Name);
                w.WriteString("namespace", p.Namespace);
                w.WriteString("uid", p.Uid);
                w.WriteEndObject();
                Time(w, "startTime", p.StartTime);
                w.WriteStartArray("containers");
                foreach (var c in p.Containers)
                {
                    Container(w, c);
                }

                w.WriteEndArray();
                Cpu(w, p.Cpu);
                Memory(w, p.Memory);
                Network(w, p.Network, p.Cpu?.Time ?? p.StartTime);
                Fs(w, "ephemeral-storage", p.EphemeralStorage);
                if (p.ProcessCount is { } count)
                {
                    w.WriteStartObject("process_stats");
                    w.WriteNumber("process_count", count);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Container(Utf8JsonWriter w, ContainerSample c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        Time(w, "startTime", c.StartTime);
        Cpu(w, c.Cpu);
        Memory(w, c.Memory);
        Fs(w, "rootfs", c.Rootfs);
        Fs(w, "logs", c.Logs);
        w.WriteEndObject();
    }

    private static void Cpu(Utf8JsonWriter w, CpuSample? cpu)
    {
        if (cpu is null)
        {
            return;
        }

        w.WriteStartObject("cpu");
        Time(w, "time", cpu.Time);
        if (cpu.UsageNanoCores is { } rate)
        {
            w.WriteNumber("usageNanoCores", rate);
        }

        w.WriteNumber("usageCoreNanoSeconds", cpu.UsageCoreNanoSeconds);
        w.WriteEndObject();
    }

    private static void Memory(Utf8JsonWriter w, MemorySample? m)
    {
        if (m is null)
        {
            return;
        }

        w.WriteStartObject("memory");
        Time(w, "time", m.Time);
        if (m.AvailableBytes is { } available)
        {
            w.WriteNumber("availableBytes", available);
        }

        w.WriteNumber("usageBytes", m.UsageBytes);
        w.WriteNumber("workingSetBytes", m.WorkingSetBytes);
        w.WriteNumber("rssBytes", m.RssBytes);
        w.WriteNumber("pageFaults", m.PageFaults);
        w.WriteNumber("majorPageFaults", m.MajorPageFaults);
        w.WriteEndObject();
    }

    private static void Network(Utf8JsonWriter w, IReadOnlyList<InterfaceSample> interfaces, DateTimeOffset at)
    {
        if (interfaces.Count == 0)
        {
            return;
        }

        // The default interface (eth0 in a pod) is also given at the top level, as cadvisor's.
        var main = interfaces.FirstOrDefault(i => i.Name == "eth0") ?? interfaces[0];
        w.WriteStartObject("network");
        Time(w, "time", at);
        Interface(w, main);
        w.WriteStartArray("interfaces");
        foreach (var i in interfaces)
        {
            w.WriteStartObject();
            Interface(w, i);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Interface(Utf8JsonWriter w, InterfaceSample i)
    {
        w.WriteString("name", i.Name);
        w.WriteNumber("rxBytes", i.RxBytes);
        w.WriteNumber("rxErrors", i.RxErrors);
        w.WriteNumber("txBytes", i.TxBytes);
        w.WriteNumber("txErrors", i.TxErrors);
    }

    private static void Fs(Utf8JsonWriter w, string name, FsSample? fs)
    {
        if (fs is null)
        {
            return;
        }

        w.WriteStartObject(name);
        Time(w, "time", fs.Time);
        if (fs.AvailableBytes is { } available)
        {
            w.WriteNumber("availableBytes", available);
        }

        if (fs.CapacityBytes is { } capacity)
        {
            w.WriteNumber("capacityBytes", capacity);
        }

        w.WriteNumber("usedBytes", fs.UsedBytes);
        w.WriteEndObject();
    }

    // metav1.Time: RFC 3339 to the second, UTC.
    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset at) =>
        w.WriteString(name, at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
