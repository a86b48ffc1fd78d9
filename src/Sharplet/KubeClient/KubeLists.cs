using Sharplet.Api;

namespace Sharplet.KubeClient;

/// <summary>The kinds the kubelet lists and watches.</summary>
internal static class KubeLists
{
    public static KubeListResource<Pod, PodList> Pods { get; } =
        new(KubeResources.Pods, KubeJson.TypeInfo<PodList>(KubeJson.Lenient), l => l.Items, l => l.Metadata);

    public static KubeListResource<Node, NodeList> Nodes { get; } =
        new(KubeResources.Nodes, KubeJson.TypeInfo<NodeList>(KubeJson.Lenient), l => l.Items, l => l.Metadata);

    public static KubeListResource<ConfigMap, ConfigMapList> ConfigMaps { get; } =
        new(KubeResources.ConfigMaps, KubeJson.TypeInfo<ConfigMapList>(KubeJson.Lenient), l => l.Items, l => l.Metadata);

    public static KubeListResource<Secret, SecretList> Secrets { get; } =
        new(KubeResources.Secrets, KubeJson.TypeInfo<SecretList>(KubeJson.Lenient), l => l.Items, l => l.Metadata);

    public static KubeListResource<Service, ServiceList> Services { get; } =
        new(KubeResources.Services, KubeJson.TypeInfo<ServiceList>(KubeJson.Lenient), l => l.Items, l => l.Metadata);

    public static KubeListResource<CertificateSigningRequest, CertificateSigningRequestList> CertificateSigningRequests { get; } =
        new(KubeResources.CertificateSigningRequests, KubeJson.TypeInfo<CertificateSigningRequestList>(KubeJson.Lenient), l => l.Items, l => l.Metadata);
}
