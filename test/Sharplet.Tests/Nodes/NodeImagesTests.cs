using Sharplet.Cri.V1;
using Sharplet.Nodes;

namespace Sharplet.Tests.Nodes;

// Upstream's nodestatus.Images setter.
public sealed class NodeImagesTests
{
    private static Image Image(string tag, ulong size, params string[] digests)
    {
        var image = new Image { Id = "sha256:" + tag, Size = size };
        image.RepoTags.Add(tag);
        image.RepoDigests.Add(digests);
        return image;
    }

    [Fact]
    public void LargestFirst_CappedAtNodeStatusMaxImages_DigestsBeforeTags()
    {
        var images = NodeImages.From([Image("small:1", 10), Image("big:1", 1000, "big@sha256:aa"), Image("mid:1", 100)], maxImages: 2);

        images.Select(i => (i.SizeBytes, string.Join(",", i.Names!))).ShouldBe([(1000L, "big@sha256:aa,big:1"), (100L, "mid:1")]);
    }

    [Fact]
    public void MinusOne_ReportsEveryImage_AtMostFiveNamesEach()
    {
        var many = Image("a:1", 5, "a@1", "a@2", "a@3", "a@4", "a@5");

        var images = NodeImages.From([many, Image("b:1", 1)], maxImages: -1);

        images.Count.ShouldBe(2);
        images[0].Names.ShouldBe(["a@1", "a@2", "a@3", "a@4", "a@5"]);
    }
}
