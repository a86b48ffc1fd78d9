using Sharplet.Api;
using Sharplet.Config;

namespace Sharplet.Tests.Config;

// Static pod manifests as upstream's file source reads them (pkg/kubelet/config/common.go, file.go), with
// Sharplet's strict decoding.
public sealed class ManifestDecoderTests
{
    private const string Path = "/etc/kubernetes/manifests/web.yaml";
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private const string Web = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels:
            app: web
        spec:
          containers:
          - name: nginx
            image: nginx:1.27
        """;

    private static ManifestFileResult Decode(string text, string path = Path, string node = "node-1") => ManifestDecoder.Decode(path, text, node, Now);

    private static Pod Single(string text, string path = Path, string node = "node-1")
    {
        var result = Decode(text, path, node);
        result.Errors.ShouldBeEmpty();
        return result.Pods.ShouldHaveSingleItem();
    }

    [Fact]
    public void StaticPod_GetsUpstreamIdentity()
    {
        var pod = Single(Web);

        pod.Metadata!.Name.ShouldBe("web-node-1");
        pod.Metadata.Namespace.ShouldBe("default");
        pod.Metadata.Uid.ShouldNotBeNull().ShouldMatch("^[0-9a-f]{32}$");
        pod.Spec!.NodeName.ShouldBe("node-1");
        pod.Metadata.Annotations!["kubernetes.io/config.hash"].ShouldBe(pod.Metadata.Uid);
        pod.Metadata.Annotations["kubernetes.io/config.source"].ShouldBe("file");
        pod.Metadata.Annotations["kubernetes.io/config.seen"].ShouldBe("2025-03-04T05:06:07.0000000Z");
        pod.Metadata.Labels!["app"].ShouldBe("web");
        pod.Status!.Phase.ShouldBe(PodPhase.Pending);
        pod.Kind.ShouldBe("Pod");
        pod.ApiVersion.ShouldBe("v1");
    }

    [Fact]
    public void StaticPod_IsDefaulted()
    {
        var pod = Single(Web);

        pod.Spec!.RestartPolicy.ShouldBe(RestartPolicy.Always);
        pod.Spec.DnsPolicy.ShouldBe(DNSPolicy.ClusterFirst);
        pod.Spec.TerminationGracePeriodSeconds.ShouldBe(30);
        pod.Spec.Containers![0].TerminationMessagePath.ShouldBe("/dev/termination-log");
        pod.Spec.Containers[0].ImagePullPolicy.ShouldBe("IfNotPresent");
    }

    [Fact]
    public void StaticPod_ToleratesEveryNoExecuteTaint()
    {
        // Upstream adds this toleration to file pods so node problems never evict them.
        var pod = Single(Web);

        var toleration = pod.Spec!.Tolerations.ShouldHaveSingleItem();
        toleration.Operator.ShouldBe("Exists");
        toleration.Effect.ShouldBe("NoExecute");
        toleration.Key.ShouldBeNull();
    }

    [Fact]
    public void StaticPod_WithTheTolerationAlready_IsNotDuplicated()
    {
        var pod = Single(Web + "\n  tolerations:\n  - operator: Exists\n    effect: NoExecute\n    tolerationSeconds: 30\n");

        var toleration = pod.Spec!.Tolerations.ShouldHaveSingleItem();
        toleration.TolerationSeconds.ShouldBeNull();
    }

    [Fact]
    public void StaticPod_OwnTolerations_AreKept()
    {
        var pod = Single(Web + "\n  tolerations:\n  - key: dedicated\n    operator: Equal\n    value: infra\n    effect: NoSchedule\n");

        pod.Spec!.Tolerations!.Select(t => (t.Key, t.Operator, t.Effect)).ShouldBe([("dedicated", "Equal", "NoSchedule"), (null, "Exists", "NoExecute")]);
    }

    [Fact]
    public void Uid_IsStableForTheSameContentNodeAndFile()
    {
        var uid = Single(Web).Metadata!.Uid;

        ManifestDecoder.Decode(Path, Web, "node-1", Now.AddDays(1)).Pods[0].Metadata!.Uid.ShouldBe(uid);
        Single(Web, node: "node-2").Metadata!.Uid.ShouldNotBe(uid);
        Single(Web, path: "/etc/kubernetes/manifests/other.yaml").Metadata!.Uid.ShouldNotBe(uid);
        Single(Web.Replace("nginx:1.27", "nginx:1.28", StringComparison.Ordinal)).Metadata!.Uid.ShouldNotBe(uid);
    }

    [Fact]
    public void ExplicitUidAndNamespace_AreKept()
    {
        var pod = Single(Web.Replace("  name: web\n", "  name: web\n  namespace: kube-system\n  uid: \"1234\"\n", StringComparison.Ordinal));

        pod.Metadata!.Uid.ShouldBe("1234");
        pod.Metadata.Namespace.ShouldBe("kube-system");
        pod.Metadata.Annotations!["kubernetes.io/config.hash"].ShouldBe("1234");
    }

    [Fact]
    public void Json_IsAcceptedToo()
    {
        var pod = Single("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"j"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""");

        pod.Metadata!.Name.ShouldBe("j-node-1");
    }

    [Fact]
    public void PodList_GivesEveryItem()
    {
        var result = Decode("""
            apiVersion: v1
            kind: PodList
            items:
            - metadata: {name: one}
              spec: {containers: [{name: c, image: busybox}]}
            - metadata: {name: two}
              spec: {containers: [{name: c, image: busybox}]}
            """);

        result.Errors.ShouldBeEmpty();
        result.Pods.Select(p => p.Metadata!.Name).ShouldBe(["one-node-1", "two-node-1"]);
        result.Pods.Select(p => p.Metadata!.Uid).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void UnknownField_IsAnErrorNamingFileDocumentLineAndField()
    {
        var result = Decode(Web.Replace("image:", "imagee:", StringComparison.Ordinal));

        result.Pods.ShouldBeEmpty();
        result.Errors.ShouldBe([$"{Path}, document 1 (line 1): unknown field \"spec.containers[0].imagee\""]);
    }

    [Fact]
    public void WrongValueType_NamesTheField()
    {
        var result = Decode(Web + "\n  hostNetwork: sometimes\n");

        result.Errors.ShouldHaveSingleItem().ShouldStartWith($"{Path}, document 1 (line 1): spec.hostNetwork: ");
    }

    [Fact]
    public void BadDocument_DoesNotHideTheGoodOnes()
    {
        var result = Decode(Web + "\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containerz: []\n");

        result.Pods.Select(p => p.Metadata!.Name).ShouldBe(["web-node-1"]);
        result.Errors.ShouldBe([$"{Path}, document 2 (line 12): unknown field \"spec.containerz\""]);
    }

    [Fact]
    public void BadPodListItem_NamesItsIndex()
    {
        var result = Decode("""
            apiVersion: v1
            kind: PodList
            items:
            - metadata: {name: one}
              spec: {containers: [{name: c, image: busybox}]}
            - metadata: {name: two}
              spec: {containers: [{name: c, imag: busybox}]}
            """);

        result.Pods.Select(p => p.Metadata!.Name).ShouldBe(["one-node-1"]);
        result.Errors.ShouldBe([$"{Path}, document 1 (line 1): unknown field \"items[1].spec.containers[0].imag\""]);
    }

    [Theory]
    [InlineData("apps/v1", "Pod", "apiVersion: Unsupported value: \"apps/v1\": a static pod manifest must be apiVersion v1")]
    [InlineData("v1", "Deployment", "kind: Unsupported value: \"Deployment\": a static pod manifest holds a Pod (or a PodList)")]
    public void WrongKindOrApiVersion_IsRejected(string apiVersion, string kind, string message)
    {
        var result = Decode(Web.Replace("apiVersion: v1", $"apiVersion: {apiVersion}", StringComparison.Ordinal).Replace("kind: Pod", $"kind: {kind}", StringComparison.Ordinal));

        result.Pods.ShouldBeEmpty();
        result.Errors.ShouldBe([$"{Path}, document 1 (line 1): {message}"]);
    }

    [Fact]
    public void InvalidPod_NamesTheFieldAsTheApiServerWould()
    {
        var result = Decode(Web.Replace("image: nginx:1.27", "image: \"\"", StringComparison.Ordinal));

        result.Pods.ShouldBeEmpty();
        result.Errors.ShouldHaveSingleItem().ShouldBe($"{Path}, document 1 (line 1): spec.containers[0].image: Required value");
    }

    [Fact]
    public void YamlSyntaxError_NamesTheFile()
    {
        var result = Decode("apiVersion: v1\nkind: Pod\nmetadata: [\n");

        result.Pods.ShouldBeEmpty();
        result.Errors.ShouldHaveSingleItem().ShouldStartWith($"{Path}: ");
    }

    [Fact]
    public void ScalarDocument_IsNotAPod()
    {
        Decode("just text").Errors.ShouldBe([$"{Path}, document 1 (line 1): a manifest must be an object (a Pod)"]);
    }

    // Found by the fuzz test: a null container reached the size check (and defaulting) as a null element.
    [Fact]
    public void NullListItem_IsAnErrorNamingTheItem()
    {
        var result = Decode("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: c\n    image: busybox\n  - \n");

        result.Errors.ShouldBe([$"{Path}, document 1 (line 1): spec.containers[1]: Required value: a list item or map value must not be null"]);
    }

    [Fact]
    public void NullLabelValue_IsAnErrorNamingTheLabel()
    {
        var result = Decode("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: }\nspec:\n  containers:\n  - name: c\n    image: busybox\n");

        result.Errors.ShouldBe([$"{Path}, document 1 (line 1): metadata.labels[app]: Required value: a list item or map value must not be null"]);
    }

    [Fact]
    public void PodWithFiveHundredContainers_IsRefusedNamingTheField()
    {
        var containers = string.Concat(Enumerable.Range(0, 500).Select(i => $"  - {{name: c{i}, image: busybox}}\n"));

        var result = Decode($"apiVersion: v1\nkind: Pod\nmetadata:\n  name: wide\nspec:\n  containers:\n{containers}");

        result.Errors.ShouldBe([$"{Path}, document 1 (line 1): spec.containers: Too many: 500: must have at most {InputLimits.MaxContainersPerPod} items"]);
    }

    [Fact]
    public void ContainerWithTooManyEnvEntries_IsRefusedNamingTheContainer()
    {
        var env = string.Concat(Enumerable.Range(0, 2000).Select(i => $"    - {{name: E{i}, value: v}}\n"));

        var result = Decode($"apiVersion: v1\nkind: Pod\nmetadata:\n  name: envy\nspec:\n  containers:\n  - name: c\n    image: busybox\n    env:\n{env}");

        result.Errors.ShouldBe([$"{Path}, document 1 (line 1): spec.containers[0].env: Too many: 2000: must have at most {InputLimits.MaxEnvPerContainer} items"]);
    }

    [Fact]
    public void HundredThousandEnvEntries_IsRefusedWhileParsing()
    {
        var env = string.Concat(Enumerable.Range(0, 100_000).Select(i => $"    - {{name: E{i}, value: v}}\n"));

        var result = Decode($"apiVersion: v1\nkind: Pod\nmetadata:\n  name: envy\nspec:\n  containers:\n  - name: c\n    image: busybox\n    env:\n{env}");

        result.Errors.ShouldHaveSingleItem().ShouldEndWith($"document 1 has more than {InputLimits.MaxNodesPerDocument} values");
        result.Errors[0].ShouldStartWith(Path + ": YAML error at line ");
    }

    [Fact]
    public void TooManyVolumes_IsRefused()
    {
        var volumes = string.Concat(Enumerable.Range(0, 501).Select(i => $"  - {{name: v{i}, emptyDir: {{}}}}\n"));

        var result = Decode($"{Web}\n  volumes:\n{volumes}");

        result.Errors.ShouldBe([$"{Path}, document 1 (line 1): spec.volumes: Too many: 501: must have at most {InputLimits.MaxVolumesPerPod} items"]);
    }
}
