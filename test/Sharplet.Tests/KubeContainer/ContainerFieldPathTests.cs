using Sharplet.Api;
using Sharplet.KubeContainer;
using Sharplet.TestSupport;

namespace Sharplet.Tests.KubeContainer;

// Upstream fieldPath (pkg/kubelet/container/ref.go): an event's field path names the list the container is in.
public sealed class ContainerFieldPathTests
{
    private static readonly Pod Pod = new PodBuilder().Init("setup").Container("app")
        .Spec(s => s.EphemeralContainers = [new EphemeralContainer { Name = "debug" }]).Build();

    [Theory]
    [InlineData("app", "spec.containers{app}")]
    [InlineData("setup", "spec.initContainers{setup}")]
    [InlineData("debug", "spec.ephemeralContainers{debug}")]
    [InlineData("gone", "spec.containers{gone}")]
    public void Of_NamesTheListTheContainerIsIn(string name, string expected) => ContainerFieldPath.Of(Pod, name).ShouldBe(expected);

    [Fact]
    public void Of_WithoutAPod_NamesARegularContainer() => ContainerFieldPath.Of(null, "app").ShouldBe("spec.containers{app}");
}
