using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Sharplet.Api;
using Sharplet.KubeClient;
using Sharplet.Pods;

namespace Sharplet.TestSupport;

// The pod side of a kube-apiserver in memory, as IPodApi and the node's pod informer (IApiPodView) see it, with
// the answers of the real server (genericregistry.Store):
// - every write bumps one global resourceVersion (etcd's revision) and streams the resulting object;
// - create of an existing name: 409 AlreadyExists; patch/delete of a missing pod: 404 NotFound;
// - a UID (metadata.uid in a patch, Preconditions.Uid on delete) or resourceVersion that no longer matches:
//   409 Conflict ("Precondition failed");
// - delete with grace 0 removes the pod; with a grace period it only sets deletionTimestamp (as for a user's
//   kubectl delete), which the kubelet must finish with its own grace-0 delete;
// - a status patch is a strategic merge: conditions merge by type, podIPs/hostIPs by ip ($patch: delete
//   removes an item), null removes a field, other lists are replaced.
// Faults: FailNext(n, ex[, name]) fails the next n calls (of one pod), StartOutage/EndOutage fails every call in between,
// Refuse(name, ex) fails every call for one pod name. HoldWatch/ReleaseWatch delay the informer (the view
// and the change stream) behind the server, as a real watch may lag our own write. DropStatusField makes it an
// older server. Calls records every call.
internal sealed class InMemoryPodApi : IPodApi, IApiPodView
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly Dictionary<string, Pod> server = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pod> view = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Exception> refused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node> nodes = new(StringComparer.Ordinal);
    private readonly List<ApiPodChange> held = [];
    private readonly List<ChannelWriter<ApiPodChange>> subscribers = [];
    private readonly List<PodApiCall> calls = [];
    private readonly HashSet<string> unknownStatusFields = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long revision = 100;
    private int failNext;
    private Exception? failWith;
    private string? failName;
    private Exception? outage;
    private bool holdWatch;
    private PodApiGate? heldNext;

    public InMemoryPodApi(TimeProvider time, bool synced = true)
    {
        this.time = time;
        if (synced)
        {
            this.synced.TrySetResult();
        }
    }

    public Task Synced => synced.Task;

    public IReadOnlyList<PodApiCall> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public IReadOnlyList<PodApiCall> CallsOf(string method, string? name = null) =>
        Calls.Where(c => c.Method == method && (name is null || c.Name == name)).ToList();

    public void MarkSynced() => synced.TrySetResult();

    public void AddNode(string name) => nodes[name] = new Node { Metadata = new ObjectMeta { Name = name, Uid = "node-uid-" + name } };

    // Seeds a pod as another client (the scheduler binding it) would: new UID unless given, new resourceVersion.
    public Pod Seed(Pod pod)
    {
        lock (gate)
        {
            var copy = Clone(pod);
            copy.Metadata!.Uid ??= Guid.NewGuid().ToString();
            Store(InformerEventType.Added, copy);
            return Clone(copy);
        }
    }

    // What the server holds now (not the possibly lagging view).
    public Pod? ServerPod(string? @namespace, string name)
    {
        lock (gate)
        {
            return server.TryGetValue(Key(@namespace, name), out var pod) ? Clone(pod) : null;
        }
    }

    // Someone else (a user, the eviction API) deletes the pod with a grace period: only deletionTimestamp is set.
    public void MarkDeleting(string? @namespace, string name, long gracePeriodSeconds = 30)
    {
        lock (gate)
        {
            var pod = Clone(server[Key(@namespace, name)]);
            pod.Metadata!.DeletionTimestamp = time.GetUtcNow();
            pod.Metadata.DeletionGracePeriodSeconds = gracePeriodSeconds;
            Store(InformerEventType.Modified, pod);
        }
    }

    // Another writer changes a pod's status (an overwrite the kubelet must repair).
    public void OverwriteStatus(string? @namespace, string name, PodStatus status)
    {
        lock (gate)
        {
            var pod = Clone(server[Key(@namespace, name)]);
            pod.Status = status;
            Store(InformerEventType.Modified, pod);
        }
    }

    // The server is older than the kubelet: it drops this status field (JSON name) from every status patch,
    // as a real server drops the fields its API types do not have.
    public void DropStatusField(string field)
    {
        lock (gate)
        {
            unknownStatusFields.Add(field);
        }
    }

    // The next count calls (naming that pod, when a name is given) fail with ex.
    public void FailNext(int count, Exception ex, string? name = null)
    {
        lock (gate)
        {
            failNext = count;
            failWith = ex;
            failName = name;
        }
    }

    public void StartOutage(Exception? ex = null)
    {
        lock (gate)
        {
            outage = ex ?? new KubeConnectionException("connection refused (in-memory outage)");
        }
    }

    public void EndOutage()
    {
        lock (gate)
        {
            outage = null;
        }
    }

    // Every call naming this pod fails (an admission plugin or validation refusing it) until Accept.
    public void Refuse(string? @namespace, string name, Exception ex)
    {
        lock (gate)
        {
            refused[Key(@namespace, name)] = ex;
        }
    }

    public void Accept(string? @namespace, string name)
    {
        lock (gate)
        {
            refused.Remove(Key(@namespace, name));
        }
    }

    // The next call of this method waits (after being recorded as started) until the gate is released, then
    // does its work against the server as it is then: a call in flight while the test changes things.
    public PodApiGate HoldNext(string method)
    {
        lock (gate)
        {
            heldNext = new PodApiGate(method);
            return heldNext;
        }
    }

    public void HoldWatch()
    {
        lock (gate)
        {
            holdWatch = true;
        }
    }

    public void ReleaseWatch()
    {
        lock (gate)
        {
            holdWatch = false;
            foreach (var change in held)
            {
                Deliver(change);
            }

            held.Clear();
        }
    }

    public static KubeApiException Error(HttpStatusCode code, string reason, string message) =>
        new(new Status { Code = (int)code, Reason = reason, Message = message }, "IN-MEMORY", "/api/v1/pods");

    // IApiPodView: the informer's copy.
    public Pod? Get(string? @namespace, string name)
    {
        lock (gate)
        {
            return view.TryGetValue(Key(@namespace, name), out var pod) ? Clone(pod) : null;
        }
    }

    public IReadOnlyList<Pod> All()
    {
        lock (gate)
        {
            return view.Values.Select(Clone).ToList();
        }
    }

    public ChannelReader<ApiPodChange> Subscribe()
    {
        var channel = Channel.CreateUnbounded<ApiPodChange>(new UnboundedChannelOptions { SingleReader = true });
        lock (gate)
        {
            subscribers.Add(channel.Writer);
        }

        return channel.Reader;
    }

    // IPodApi: the server.
    public Task<Pod> GetAsync(string? @namespace, string name, CancellationToken cancellationToken) =>
        Call("GET", @namespace, name, null, () => server.TryGetValue(Key(@namespace, name), out var pod) ? Clone(pod) : throw NotFound(@namespace, name));

    public Task<Pod> PatchStatusAsync(string? @namespace, string name, JsonObject patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return Call("PATCH", @namespace, name, patch.ToJsonString(), () =>
        {
            if (!server.TryGetValue(Key(@namespace, name), out var current))
            {
                throw NotFound(@namespace, name);
            }

            var uid = patch["metadata"]?["uid"]?.GetValue<string>();
            CheckPrecondition("UID", uid, current.Metadata!.Uid);
            CheckPrecondition("resourceVersion", patch["metadata"]?["resourceVersion"]?.GetValue<string>(), current.Metadata.ResourceVersion);
            var status = current.Status is null ? new JsonObject() : JsonNode.Parse(KubeJson.SerializeToUtf8Bytes(current.Status))!.AsObject();
            if (patch["status"] is JsonObject changes)
            {
                MergeObject(status, changes);
            }

            foreach (var field in unknownStatusFields)
            {
                status.Remove(field);
            }

            var updated = Clone(current);
            updated.Status = KubeJson.Deserialize<PodStatus>(status.ToJsonString(), KubeJson.Lenient);
            Store(InformerEventType.Modified, updated);
            return Clone(updated);
        });
    }

    public Task DeleteAsync(string? @namespace, string name, DeleteOptions deleteOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deleteOptions);
        return Call("DELETE", @namespace, name, $"grace={deleteOptions.GracePeriodSeconds?.ToString(CultureInfo.InvariantCulture)} uid={deleteOptions.Preconditions?.Uid}", () =>
        {
            var key = Key(@namespace, name);
            if (!server.TryGetValue(key, out var current))
            {
                throw NotFound(@namespace, name);
            }

            CheckPrecondition("UID", deleteOptions.Preconditions?.Uid, current.Metadata!.Uid);
            var pod = Clone(current);
            if (deleteOptions.GracePeriodSeconds is null or > 0)
            {
                pod.Metadata!.DeletionTimestamp ??= time.GetUtcNow();
                pod.Metadata.DeletionGracePeriodSeconds = deleteOptions.GracePeriodSeconds ?? 30;
                Store(InformerEventType.Modified, pod);
            }
            else
            {
                server.Remove(key);
                pod.Metadata!.ResourceVersion = NextRevision();
                Stream(new ApiPodChange(InformerEventType.Deleted, pod));
            }

            return pod;
        });
    }

    public Task<Pod> CreateAsync(Pod pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var meta = pod.Metadata!;
        return Call("POST", meta.Namespace, meta.Name!, meta.Annotations?.GetValueOrDefault(ConfigAnnotations.Mirror), () =>
        {
            if (server.ContainsKey(Key(meta.Namespace, meta.Name!)))
            {
                throw Error(HttpStatusCode.Conflict, StatusReason.AlreadyExists, $"pods \"{meta.Name}\" already exists");
            }

            var created = Clone(pod);
            created.Metadata!.Uid = Guid.NewGuid().ToString();
            created.Metadata.CreationTimestamp = time.GetUtcNow();
            Store(InformerEventType.Added, created);
            return Clone(created);
        });
    }

    public Task<Node> GetNodeAsync(string name, CancellationToken cancellationToken) =>
        Call("GET", null, "node/" + name, null, () => nodes.TryGetValue(name, out var node) ? node : throw Error(HttpStatusCode.NotFound, StatusReason.NotFound, $"nodes \"{name}\" not found"));

    private static string Key(string? @namespace, string name) => $"{@namespace}/{name}";

    private static KubeApiException NotFound(string? @namespace, string name) =>
        Error(HttpStatusCode.NotFound, StatusReason.NotFound, $"pods \"{name}\" not found in {@namespace}");

    private static void CheckPrecondition(string what, string? wanted, string? actual)
    {
        if (wanted is not null && wanted != actual)
        {
            throw Error(HttpStatusCode.Conflict, StatusReason.Conflict, $"Precondition failed: {what} in precondition: {wanted}, {what} in object meta: {actual}");
        }
    }

    private static Pod Clone(Pod pod) => KubeJson.Deserialize<Pod>(KubeJson.SerializeToUtf8Bytes(pod), KubeJson.Lenient)!;

    // Strategic merge of a status patch into the stored status (the only merge keys PodStatus has).
    private static void MergeObject(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (MergeKey(name) is { } key && value is JsonArray items)
            {
                target[name] = MergeList(target[name] as JsonArray, items, key);
            }
            else if (value is JsonObject obj && target[name] is JsonObject existing)
            {
                MergeObject(existing, obj);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    private static string? MergeKey(string list) => list switch
    {
        "conditions" => "type",
        "podIPs" or "hostIPs" => "ip",
        _ => null,
    };

    private static JsonArray MergeList(JsonArray? before, JsonArray patch, string key)
    {
        var merged = (before ?? []).Select(i => i!.DeepClone().AsObject()).ToList();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var id = item[key]?.GetValue<string>();
            var index = merged.FindIndex(m => m[key]?.GetValue<string>() == id);
            if (item["$patch"]?.GetValue<string>() == "delete")
            {
                if (index >= 0)
                {
                    merged.RemoveAt(index);
                }
            }
            else if (index >= 0)
            {
                MergeObject(merged[index], item);
            }
            else
            {
                merged.Add(item.DeepClone().AsObject());
            }
        }

        return [.. merged];
    }

    private Task<T> Call<T>(string method, string? @namespace, string name, string? detail, Func<T> body)
    {
        PodApiGate? heldCall;
        lock (gate)
        {
            heldCall = heldNext?.Method == method ? heldNext : null;
            if (heldCall is not null)
            {
                heldNext = null;
            }
        }

        return heldCall is null ? CallNow(method, @namespace, name, detail, body) : CallAfterAsync(heldCall, method, @namespace, name, detail, body);
    }

    private async Task<T> CallAfterAsync<T>(PodApiGate heldCall, string method, string? @namespace, string name, string? detail, Func<T> body)
    {
        heldCall.Enter();
        await heldCall.Released.ConfigureAwait(false);
        return await CallNow(method, @namespace, name, detail, body).ConfigureAwait(false);
    }

    private Task<T> CallNow<T>(string method, string? @namespace, string name, string? detail, Func<T> body)
    {
        lock (gate)
        {
            Exception? fault = outage;
            if (fault is null && failNext > 0 && (failName is null || failName == name))
            {
                failNext--;
                fault = failWith;
            }

            fault ??= refused.GetValueOrDefault(Key(@namespace, name));
            try
            {
                if (fault is not null)
                {
                    throw fault;
                }

                var result = body();
                calls.Add(new PodApiCall(method, @namespace, name, detail, null));
                return Task.FromResult(result);
            }
            catch (Exception ex)
            {
                calls.Add(new PodApiCall(method, @namespace, name, detail, ex));
                return Task.FromException<T>(ex);
            }
        }
    }

    private string NextRevision() => (++revision).ToString(CultureInfo.InvariantCulture);

    // Called with the gate held: the server takes the object, then the informer sees it (now or at ReleaseWatch).
    private void Store(InformerEventType type, Pod pod)
    {
        pod.Metadata!.ResourceVersion = NextRevision();
        server[Key(pod.Metadata.Namespace, pod.Metadata.Name!)] = pod;
        Stream(new ApiPodChange(type, Clone(pod)));
    }

    private void Stream(ApiPodChange change)
    {
        if (holdWatch)
        {
            held.Add(change);
            return;
        }

        Deliver(change);
    }

    private void Deliver(ApiPodChange change)
    {
        var meta = change.Pod.Metadata!;
        var key = Key(meta.Namespace, meta.Name!);
        if (change.Type == InformerEventType.Deleted)
        {
            view.Remove(key);
        }
        else
        {
            view[key] = change.Pod;
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.TryWrite(new ApiPodChange(change.Type, Clone(change.Pod)));
        }
    }
}
