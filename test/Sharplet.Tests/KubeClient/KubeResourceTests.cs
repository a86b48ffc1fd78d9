using Sharplet.Api;
using Sharplet.KubeClient;

namespace Sharplet.Tests.KubeClient;

public sealed class KubeResourceTests
{
    [Fact]
    public void Paths_NamespacedKind_IncludeTheNamespace()
    {
        KubeResources.Pods.CollectionPath("default").ShouldBe("/api/v1/namespaces/default/pods");
        KubeResources.Pods.ObjectPath("default", "web", "status").ShouldBe("/api/v1/namespaces/default/pods/web/status");
        KubeResources.Leases.ObjectPath("kube-node-lease", "n1").ShouldBe("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/n1");
    }

    [Fact]
    public void Paths_NamespacedCollectionWithoutNamespace_IsAllNamespaces()
    {
        KubeResources.Pods.CollectionPath(null).ShouldBe("/api/v1/pods");
    }

    [Fact]
    public void Paths_ClusterScopedKind_RefusesANamespace()
    {
        KubeResources.Nodes.ObjectPath(null, "n1").ShouldBe("/api/v1/nodes/n1");
        Should.Throw<ArgumentException>(() => KubeResources.Nodes.CollectionPath("default"));
    }

    [Fact]
    public void Paths_NamespacedObjectWithoutNamespace_IsRefused()
    {
        Should.Throw<ArgumentException>(() => KubeResources.Pods.ObjectPath(null, "web"));
    }

    [Fact]
    public void Paths_NamesAreEscapedAndDotSegmentsRefused()
    {
        KubeResources.ConfigMaps.ObjectPath("ns", "a b/c").ShouldBe("/api/v1/namespaces/ns/configmaps/a%20b%2Fc");
        Should.Throw<ArgumentException>(() => KubeResources.ConfigMaps.ObjectPath("ns", ".."));
    }

    [Fact]
    public void Queries_EscapeSelectorsAndLeaveOutUnsetValues()
    {
        new ListOptions(FieldSelector: "spec.nodeName=n1", Limit: 500).ToQuery().ShouldBe("?fieldSelector=spec.nodeName%3Dn1&limit=500");
        new ListOptions().ToQuery().ShouldBe(string.Empty);
        new WatchOptions("42", TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(8), LabelSelector: "app in (a,b)").ToQuery()
            .ShouldBe("?watch=true&resourceVersion=42&allowWatchBookmarks=true&timeoutSeconds=420&labelSelector=app%20in%20%28a%2Cb%29");
    }

    [Fact]
    public void Patches_CarryTheirContentTypes()
    {
        KubePatch.Merge([]).ContentType.ShouldBe("application/merge-patch+json");
        KubePatch.StrategicMerge([]).ContentType.ShouldBe("application/strategic-merge-patch+json");
        var json = KubePatch.Json([new JsonPatchOperation("replace", "/metadata/labels/a", System.Text.Json.Nodes.JsonValue.Create("b"))]);
        json.ContentType.ShouldBe("application/json-patch+json");
        System.Text.Encoding.UTF8.GetString(json.Body.Span).ShouldBe("""[{"op":"replace","path":"/metadata/labels/a","value":"b"}]""");
    }
}
