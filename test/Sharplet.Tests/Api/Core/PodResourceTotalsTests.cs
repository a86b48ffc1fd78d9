using Sharplet.Api;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Api.Core;

// upstream resourcehelper.PodRequests.
public sealed class PodResourceTotalsTests
{
    private static Action<Container> Req(string cpu, string memory) =>
        c => c.Resources = new ResourceRequirements { Requests = PodBuilder.Resources(("cpu", cpu), ("memory", memory)) };

    private static (string Cpu, string Memory) Of(PodBuilder builder)
    {
        var requests = PodResourceTotals.Requests(builder.Build().Spec!);
        return (requests["cpu"].ToString(), requests["memory"].ToString());
    }

    [Fact]
    public void RegularContainers_AddUp()
    {
        Of(new PodBuilder().Container("a", Req("100m", "64Mi")).Container("b", Req("200m", "64Mi"))).ShouldBe(("300m", "128Mi"));
    }

    [Fact]
    public void InitContainer_RunsAlone_TheLargerWins()
    {
        Of(new PodBuilder().Init("i", Req("1", "32Mi")).Container("a", Req("100m", "64Mi"))).ShouldBe(("1", "64Mi"));
    }

    [Fact]
    public void Sidecars_AddToTheContainers_AndRunBesideLaterInitContainers()
    {
        var pod = new PodBuilder()
            .Sidecar("s", Req("200m", "100Mi"))
            .Init("i", Req("1", "10Mi"))
            .Container("a", Req("100m", "50Mi"));

        // Regular + sidecar: 300m, 150Mi. Init i beside the sidecar: 1200m, 110Mi.
        Of(pod).ShouldBe(("1200m", "150Mi"));
    }

    [Fact]
    public void InitContainerBeforeTheSidecar_RunsWithoutIt()
    {
        var pod = new PodBuilder()
            .Init("i", Req("1", "10Mi"))
            .Sidecar("s", Req("200m", "100Mi"))
            .Container("a", Req("100m", "50Mi"));

        Of(pod).ShouldBe(("1", "150Mi"));
    }

    [Fact]
    public void Overhead_IsAdded()
    {
        var pod = new PodBuilder().Container("a", Req("100m", "64Mi")).Spec(s => s.Overhead = PodBuilder.Resources(("cpu", "250m"), ("memory", "120Mi")));

        Of(pod).ShouldBe(("350m", "184Mi"));
    }
}
