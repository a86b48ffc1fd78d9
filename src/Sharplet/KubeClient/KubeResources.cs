using Sharplet.Api;

namespace Sharplet.KubeClient;

/// <summary>The kinds the kubelet reads and writes.</summary>
internal static class KubeResources
{
    public static KubeResource<Pod> Pods { get; } =
        new("/api/v1", "pods", true, KubeJson.TypeInfo<Pod>(KubeJson.Lenient), p => p.Metadata);

    public static KubeResource<Node> Nodes { get; } =
        new("/api/v1", "nodes", false, KubeJson.TypeInfo<Node>(KubeJson.Lenient), n => n.Metadata);

    public static KubeResource<ConfigMap> ConfigMaps { get; } =
        new("/api/v1", "configmaps", true, KubeJson.TypeInfo<ConfigMap>(KubeJson.Lenient), c => c.Metadata);

    public static KubeResource<Secret> Secrets { get; } =
        new("/api/v1", "secrets", true, KubeJson.TypeInfo<Secret>(KubeJson.Lenient), s => s.Metadata);

    public static KubeResource<Service> Services { get; } =
        new("/api/v1", "services", true, KubeJson.TypeInfo<Service>(KubeJson.Lenient), s => s.Metadata);

    public static KubeResource<Event> Events { get; } =
        new("/api/v1", "events", true, KubeJson.TypeInfo<Event>(KubeJson.Lenient), e => e.Metadata);

    public static KubeResource<Namespace> Namespaces { get; } =
        new("/api/v1", "namespaces", false, KubeJson.TypeInfo<Namespace>(KubeJson.Lenient), n => n.Metadata);

    public static KubeResource<Lease> Leases { get; } =
        new("/apis/coordination.k8s.io/v1", "leases", true, KubeJson.TypeInfo<Lease>(KubeJson.Lenient), l => l.Metadata);

    public static KubeResource<CertificateSigningRequest> CertificateSigningRequests { get; } =
        new("/apis/certificates.k8s.io/v1", "certificatesigningrequests", false, KubeJson.TypeInfo<CertificateSigningRequest>(KubeJson.Lenient), c => c.Metadata);

    public static KubeResource<PersistentVolume> PersistentVolumes { get; } =
        new("/api/v1", "persistentvolumes", false, KubeJson.TypeInfo<PersistentVolume>(KubeJson.Lenient), v => v.Metadata);

    public static KubeResource<PersistentVolumeClaim> PersistentVolumeClaims { get; } =
        new("/api/v1", "persistentvolumeclaims", true, KubeJson.TypeInfo<PersistentVolumeClaim>(KubeJson.Lenient), c => c.Metadata);

    // The token subresource of serviceaccounts: its paths are those of a ServiceAccount, its body a TokenRequest.
    public static KubeResource<TokenRequest> ServiceAccountTokens { get; } =
        new("/api/v1", "serviceaccounts", true, KubeJson.TypeInfo<TokenRequest>(KubeJson.Lenient), t => t.Metadata);
}
