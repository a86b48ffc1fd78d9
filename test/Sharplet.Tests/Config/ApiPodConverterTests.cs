using Sharplet.Api;
using Sharplet.Config;
using Sharplet.Pods;

namespace Sharplet.Tests.Config;

public sealed class ApiPodConverterTests
{
    [Fact]
    public void ToKubeletPod_IsADefaultedTaggedCopy_AndLeavesTheInformersObjectAlone()
    {
        var apiPod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "ns", Uid = "u1", Annotations = new() { ["team"] = "a" } },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "busybox" }] },
        };

        var pod = ApiPodConverter.ToKubeletPod(apiPod, "2025-01-01T00:00:00.0000000Z");

        pod.ShouldNotBeSameAs(apiPod);
        pod.Metadata!.Annotations![ConfigAnnotations.Source].ShouldBe(ConfigAnnotations.ApiSource);
        pod.Metadata.Annotations[ConfigAnnotations.Seen].ShouldBe("2025-01-01T00:00:00.0000000Z");
        pod.Metadata.Annotations["team"].ShouldBe("a");
        pod.Spec!.RestartPolicy.ShouldBe("Always");
        pod.Spec.Containers![0].ImagePullPolicy.ShouldBe("Always");
        ConfigAnnotations.IsStatic(pod).ShouldBeFalse();
        apiPod.Metadata.Annotations.Keys.ShouldBe(["team"]);
        apiPod.Spec.RestartPolicy.ShouldBeNull();
    }

    [Fact]
    public void IsMirror_ByTheMirrorAnnotation()
    {
        ApiPodConverter.IsMirror(new Pod { Metadata = new ObjectMeta { Annotations = new() { [ConfigAnnotations.Mirror] = "h" } } }).ShouldBeTrue();
        ApiPodConverter.IsMirror(new Pod { Metadata = new ObjectMeta() }).ShouldBeFalse();
    }
}
