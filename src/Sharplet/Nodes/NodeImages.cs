using Sharplet.Api;

namespace Sharplet.Nodes;

// Upstream's nodestatus.Images setter: the node's images, largest first, at most nodeStatusMaxImages of them
// (-1: all), each named by its digests then its tags, at most five names (MaxNamesPerImageInNodeStatus).
internal static class NodeImages
{
    private const int MaxNamesPerImage = 5;

    public static List<ContainerImage> From(IEnumerable<Cri.V1.Image> images, int maxImages)
    {
        var sorted = images.OrderByDescending(i => i.Size).ToList();
        if (maxImages > -1 && maxImages < sorted.Count)
        {
            sorted = sorted[..maxImages];
        }

        return sorted.Select(i => new ContainerImage
        {
            Names = i.RepoDigests.Concat(i.RepoTags).Take(MaxNamesPerImage).ToList(),
            SizeBytes = (long)i.Size,
        }).ToList();
    }
}
