using System.Globalization;
using Sharplet.Api;

namespace Sharplet.Events;

// client-go's recorder makeEvent for a pod (or the node): named <pod>.<unix nanoseconds in hex>, in the pod's namespace,
// about the pod (and the container's field path), from component kubelet on this host.
internal static class EventFactory
{
    public const string Component = "kubelet";

    public static Event Make(Pod pod, string type, string reason, string message, string? fieldPath, string host, DateTimeOffset now)
    {
        var meta = pod.Metadata!;
        var ns = string.IsNullOrEmpty(meta.Namespace) ? "default" : meta.Namespace;
        var involved = new ObjectReference
        {
            Kind = "Pod",
            Namespace = ns,
            Name = meta.Name,
            Uid = meta.Uid,
            ApiVersion = "v1",
            ResourceVersion = meta.ResourceVersion,
            FieldPath = fieldPath,
        };
        return Make(involved, ns, type, reason, message, host, now);
    }

    // About the node, as upstream's nodeRef (kind Node, the node name as name and uid, no namespace); an event
    // about a cluster-scoped object lives in "default", as client-go's makeEvent puts it.
    public static Event MakeForNode(string nodeName, string type, string reason, string message, DateTimeOffset now) =>
        Make(new ObjectReference { Kind = "Node", Name = nodeName, Uid = nodeName }, "default", type, reason, message, nodeName, now);

    private static Event Make(ObjectReference involved, string ns, string type, string reason, string message, string host, DateTimeOffset now)
    {
        var nanos = (now - DateTimeOffset.UnixEpoch).Ticks * 100;
        return new Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new ObjectMeta { Name = $"{involved.Name}.{nanos.ToString("x", CultureInfo.InvariantCulture)}", Namespace = ns },
            InvolvedObject = involved,
            Reason = reason,
            Message = message,
            Source = new EventSource { Component = Component, Host = host },
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
            Type = type,
            ReportingComponent = Component,
            ReportingInstance = host,
        };
    }
}
