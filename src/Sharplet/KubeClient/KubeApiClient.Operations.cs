using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sharplet.Api;

namespace Sharplet.KubeClient;

// Typed operations over a KubeResource: the REST verbs of one kind, each bounded by RequestTimeout (on the
// injected TimeProvider) except watches, which have their own idle timer.
internal sealed partial class KubeApiClient
{
    public Task<T> GetAsync<T>(KubeResource<T> resource, string? namespaceName, string name, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        return SendForObjectAsync(new KubeRequest(HttpMethod.Get, resource.ObjectPath(namespaceName, name)), resource.TypeInfo, cancellationToken);
    }

    /// <summary>One page of a list; <paramref name="options"/> carries selectors, limit and continue.</summary>
    public Task<TList> ListAsync<T, TList>(KubeListResource<T, TList> resource, string? namespaceName, ListOptions? options, CancellationToken cancellationToken)
        where T : class
        where TList : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        var request = new KubeRequest(HttpMethod.Get, resource.Item.CollectionPath(namespaceName), (options ?? new ListOptions()).ToQuery());
        return SendForObjectAsync(request, resource.ListTypeInfo, cancellationToken);
    }

    /// <summary>
    /// Every page of a list, joined, with the resourceVersion of the snapshot (for a watch to start from).
    /// A continue token that expires mid-way (410) restarts the list once without paging, as client-go's pager does.
    /// </summary>
    public async Task<KubeListResult<T>> ListAllAsync<T, TList>(KubeListResource<T, TList> resource, string? namespaceName, ListOptions options, CancellationToken cancellationToken)
        where T : class
        where TList : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        var items = new List<T>();
        var page = options with { Continue = null };
        while (true)
        {
            TList list;
            try
            {
                list = await ListAsync(resource, namespaceName, page, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (ex.IsGone && page.Continue is not null)
            {
                items.Clear();
                page = options with { Continue = null, Limit = null };
                continue;
            }

            items.AddRange(resource.Items(list) ?? []);
            var meta = resource.ListMetadata(list);
            if (string.IsNullOrEmpty(meta?.Continue))
            {
                return new KubeListResult<T>(items, meta?.ResourceVersion ?? string.Empty);
            }

            page = page with { Continue = meta.Continue };
        }
    }

    public Task<T> CreateAsync<T>(KubeResource<T> resource, string? namespaceName, T obj, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        var request = new KubeRequest(HttpMethod.Post, resource.CollectionPath(namespaceName), Body: Serialize(obj, resource.TypeInfo));
        return SendForObjectAsync(request, resource.TypeInfo, cancellationToken);
    }

    /// <summary>PUT: replaces the object; its metadata.resourceVersion makes this a compare-and-swap (409 on a stale one).</summary>
    public Task<T> UpdateAsync<T>(KubeResource<T> resource, string? namespaceName, T obj, CancellationToken cancellationToken)
        where T : class => PutAsync(resource, namespaceName, obj, null, cancellationToken);

    public Task<T> UpdateStatusAsync<T>(KubeResource<T> resource, string? namespaceName, T obj, CancellationToken cancellationToken)
        where T : class => PutAsync(resource, namespaceName, obj, "status", cancellationToken);

    public Task<T> PatchAsync<T>(KubeResource<T> resource, string? namespaceName, string name, KubePatch patch, CancellationToken cancellationToken)
        where T : class => PatchCoreAsync(resource, namespaceName, name, patch, null, cancellationToken);

    /// <summary>Patches the status subresource (the kubelet's node and pod status updates).</summary>
    public Task<T> PatchStatusAsync<T>(KubeResource<T> resource, string? namespaceName, string name, KubePatch patch, CancellationToken cancellationToken)
        where T : class => PatchCoreAsync(resource, namespaceName, name, patch, "status", cancellationToken);

    /// <summary>
    /// Deletes with optional grace period and preconditions (a UID or resourceVersion that no longer matches
    /// gives 409 Conflict). Returns the object while deletion is still pending (grace period, finalizers), or
    /// null once the server reports it gone.
    /// </summary>
    public async Task<T?> DeleteAsync<T>(KubeResource<T> resource, string? namespaceName, string name, DeleteOptions? options, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        var body = options is null ? (ReadOnlyMemory<byte>?)null : Serialize(options, KubeJson.TypeInfo<DeleteOptions>(KubeJson.Lenient));
        var request = new KubeRequest(HttpMethod.Delete, resource.ObjectPath(namespaceName, name), Body: body);
        var element = await SendForObjectAsync(request, KubeJson.TypeInfo<JsonElement>(KubeJson.Lenient), cancellationToken).ConfigureAwait(false);
        var isStatus = element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty("kind", out var kind)
            && kind.ValueKind == JsonValueKind.String
            && kind.ValueEquals("Status");
        return isStatus || element.ValueKind != JsonValueKind.Object ? null : element.Deserialize(resource.TypeInfo);
    }

    /// <summary>
    /// Opens a watch and yields its raw events until the server ends it. The response headers must arrive
    /// within RequestTimeout; after that only the idle timer of <paramref name="options"/> bounds a read.
    /// A refused watch throws <see cref="KubeApiException"/> on the first MoveNextAsync.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync<T>(
        KubeResource<T> resource,
        string? namespaceName,
        WatchOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(options);
        var request = new KubeRequest(HttpMethod.Get, resource.CollectionPath(namespaceName), options.ToQuery(), IsWatch: true);

        // One token for the whole watch: the header deadline is disarmed once headers arrive, because the
        // token given to SendAsync stays tied to the response body on HTTP/2.
        using var headerDeadline = new CancellationTokenSource(this.options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, headerDeadline.Token);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(request, linked.Token).ConfigureAwait(false);
            headerDeadline.CancelAfter(Timeout.InfiniteTimeSpan);
        }
        catch (OperationCanceledException ex) when (headerDeadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"GET {request.Path} (watch): no response headers within {this.options.RequestTimeout.TotalSeconds:0.###}s", ex);
        }

        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var reader = new WatchStreamReader(stream, options.IdleTimeout, time);
                await foreach (var watchEvent in reader.ReadAllAsync(linked.Token).ConfigureAwait(false))
                {
                    yield return watchEvent;
                }
            }
        }
    }

    private Task<T> PutAsync<T>(KubeResource<T> resource, string? namespaceName, T obj, string? subresource, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(obj);
        var path = resource.ObjectPath(namespaceName, resource.NameOf(obj), subresource);
        return SendForObjectAsync(new KubeRequest(HttpMethod.Put, path, Body: Serialize(obj, resource.TypeInfo)), resource.TypeInfo, cancellationToken);
    }

    private Task<T> PatchCoreAsync<T>(KubeResource<T> resource, string? namespaceName, string name, KubePatch patch, string? subresource, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(patch);
        var request = new KubeRequest(HttpMethod.Patch, resource.ObjectPath(namespaceName, name, subresource), Body: patch.Body, ContentType: patch.ContentType);
        return SendForObjectAsync(request, resource.TypeInfo, cancellationToken);
    }

    private async Task<TResult> SendForObjectAsync<TResult>(KubeRequest request, JsonTypeInfo<TResult> typeInfo, CancellationToken cancellationToken)
    {
        using var deadline = new CallDeadline(options.RequestTimeout, time, cancellationToken);
        try
        {
            using var response = await SendAsync(request, deadline.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // Streaming deserialization: a large list is never held as text.
                return await JsonSerializer.DeserializeAsync(stream, typeInfo, deadline.Token).ConfigureAwait(false)
                    ?? throw new JsonException($"{request.Method} {request.Path}: the response body was JSON null");
            }
        }
        catch (OperationCanceledException ex) when (deadline.Expired)
        {
            throw new TimeoutException($"{request.Method} {request.Path}: no complete answer from the API server within {options.RequestTimeout.TotalSeconds:0.###}s", ex);
        }
    }

    private static ReadOnlyMemory<byte> Serialize<TValue>(TValue value, JsonTypeInfo<TValue> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
    }
}
