using System.Text.Json;
using Sharplet.Api;

namespace Sharplet.Tests.Api.Serialization;

public class KubeJsonOptionsTests
{
    private const string PodWithTypo = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
         "spec":{"containers":[{"name":"app","image":"nginx"},{"name":"side","imagee":"busybox"}]}}
        """;

    [Fact]
    public void Strict_UnknownFieldInNestedList_FailsWithItsPath()
    {
        var ex = Should.Throw<JsonException>(() => KubeJson.Deserialize<Pod>(PodWithTypo, KubeJson.Strict));

        ex.Path.ShouldBe("$.spec.containers[1].imagee");
        ex.Message.ShouldContain("imagee");
    }

    [Fact]
    public void Strict_UnknownFieldDeepInProbe_FailsWithItsPath()
    {
        const string json = """
            {"spec":{"initContainers":[{"name":"init"}],"containers":[{"name":"app",
             "livenessProbe":{"httpGet":{"path":"/healthz","port":8080,"sheme":"HTTPS"}}}]}}
            """;

        var ex = Should.Throw<JsonException>(() => KubeJson.Deserialize<Pod>(json, KubeJson.Strict));

        ex.Path.ShouldBe("$.spec.containers[0].livenessProbe.httpGet.sheme");
    }

    [Fact]
    public void Strict_UnknownTopLevelField_FailsWithItsPath() =>
        Should.Throw<JsonException>(() => KubeJson.Deserialize<Pod>("""{"kind":"Pod","spek":{}}""", KubeJson.Strict))
            .Path.ShouldBe("$.spek");

    [Fact]
    public void Strict_FieldNamesAreCaseSensitive() =>
        Should.Throw<JsonException>(() => KubeJson.Deserialize<Pod>("""{"Kind":"Pod"}""", KubeJson.Strict))
            .Path.ShouldBe("$.Kind");

    [Fact]
    public void Strict_DuplicateField_Fails() =>
        Should.Throw<JsonException>(() => KubeJson.Deserialize<Pod>("""{"metadata":{"name":"a","name":"b"}}""", KubeJson.Strict));

    [Fact]
    public void Strict_NullForRequiredString_Fails() =>
        Should.Throw<JsonException>(() => KubeJson.Deserialize<Pod>("""{"spec":{"containers":[{"name":null}]}}""", KubeJson.Strict));

    [Fact]
    public void Strict_UnknownKeysInsideMaps_AreData()
    {
        var pod = KubeJson.Deserialize<Pod>("""{"metadata":{"labels":{"anything":"goes"}}}""", KubeJson.Strict)!;

        pod.Metadata!.Labels!["anything"].ShouldBe("goes");
    }

    [Fact]
    public void Lenient_UnknownFields_AreIgnored()
    {
        var pod = KubeJson.Deserialize<Pod>(PodWithTypo, KubeJson.Lenient)!;

        pod.Spec!.Containers!.Select(c => c.Name).ShouldBe(["app", "side"]);
        pod.Spec.Containers![1].Image.ShouldBeNull();
    }

    [Fact]
    public void Lenient_FieldsFromANewerServer_AreIgnoredAtEveryLevel()
    {
        const string json = """
            {"kind":"Node","futureTopLevel":1,"metadata":{"name":"n1","futureMeta":{"x":[1,2]}},
             "status":{"nodeInfo":{"kubeletVersion":"v1.99.0","futureInfo":"y"},"futureStatus":true}}
            """;

        var node = KubeJson.Deserialize<Node>(json, KubeJson.Lenient)!;

        node.Status!.NodeInfo!.KubeletVersion.ShouldBe("v1.99.0");
    }

    [Fact]
    public void Serialize_OmitsNullsButKeepsRequiredZeroValues()
    {
        var status = new ContainerStatus { Name = "app", Image = "nginx:1.27", ImageID = string.Empty };

        var json = KubeJson.Serialize(new Pod { Status = new PodStatus { ContainerStatuses = [status] } });

        json.ShouldBe("""{"status":{"containerStatuses":[{"name":"app","ready":false,"restartCount":0,"image":"nginx:1.27","imageID":""}]}}""");
    }

    [Fact]
    public void Options_ResolveOnlyFromTheSourceGeneratedContext()
    {
        KubeJson.Strict.TypeInfoResolver.ShouldBeSameAs(KubeJsonContext.Default);
        KubeJson.Lenient.TypeInfoResolver.ShouldBeSameAs(KubeJsonContext.Default);
        KubeJson.Strict.IsReadOnly.ShouldBeTrue();
        Should.Throw<NotSupportedException>(() => KubeJson.Lenient.GetTypeInfo(typeof(Uri)));
    }

    [Fact]
    public void WatchEvent_ErrorEvent_DecodesItsStatus()
    {
        const string line = """
            {"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"too old resource version: 123 (456)","reason":"Expired","code":410}}
            """;

        var watchEvent = KubeJson.Deserialize<WatchEvent>(line, KubeJson.Lenient)!;
        var status = watchEvent.DecodeErrorStatus()!;

        status.Code.ShouldBe(410);
        status.Reason.ShouldBe(StatusReason.Expired);
        status.Result.ShouldBe(StatusResult.Failure);
    }

    [Fact]
    public void WatchEvent_BookmarkAndModified_DecodeAsTheWatchedKind()
    {
        const string bookmark = """{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12746","annotations":{"k8s.io/initial-events-end":"true"}}}}""";
        const string modified = """{"type":"MODIFIED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","resourceVersion":"12747"},"status":{"phase":"Running"}}}""";
        var podInfo = KubeJson.TypeInfo<Pod>(KubeJson.Lenient);

        var mark = KubeJson.Deserialize<WatchEvent>(bookmark, KubeJson.Lenient)!;
        var change = KubeJson.Deserialize<WatchEvent>(modified, KubeJson.Lenient)!;

        mark.Type.ShouldBe(WatchEventType.Bookmark);
        mark.DecodeObject(podInfo)!.Metadata!.ResourceVersion.ShouldBe("12746");
        mark.DecodeErrorStatus().ShouldBeNull();
        change.DecodeObject(podInfo)!.Status!.Phase.ShouldBe(PodPhase.Running);
        KubeJson.Serialize(change).ShouldBe(modified);
    }
}
