using Sharplet.Api;

namespace Sharplet.Tests.Config;

// A decoded pod written as JSON and read back (strictly, as a manifest is read) is the same pod: the same JSON.
internal static class PodRoundTrip
{
    public static void Check(Pod pod)
    {
        var json = KubeJson.Serialize(pod);
        var again = KubeJson.Deserialize<Pod>(json, KubeJson.Strict).ShouldNotBeNull();
        KubeJson.Serialize(again).ShouldBe(json, "a decoded pod changed when written and read back");
    }
}
