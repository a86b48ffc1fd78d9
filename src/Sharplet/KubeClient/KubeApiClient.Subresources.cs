namespace Sharplet.KubeClient;

// POST to a subresource of one object (serviceaccounts/{name}/token): the body and the answer are of the
// subresource's kind, which is the kind of the resource record.
internal sealed partial class KubeApiClient
{
    public Task<T> CreateSubresourceAsync<T>(KubeResource<T> resource, string? namespaceName, string name, string subresource, T body, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(subresource);
        var request = new KubeRequest(HttpMethod.Post, resource.ObjectPath(namespaceName, name, subresource), Body: Serialize(body, resource.TypeInfo));
        return SendForObjectAsync(request, resource.TypeInfo, cancellationToken);
    }
}
