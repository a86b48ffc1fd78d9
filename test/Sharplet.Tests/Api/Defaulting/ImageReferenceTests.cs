using Sharplet.Api.Defaulting;

namespace Sharplet.Tests.Api.Defaulting;

public class ImageReferenceTests
{
    private const string Sha = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    // Upstream's parsers_test.go table plus the registry-port and normalization cases CRI relies on.
    [Theory]
    [InlineData("root", "docker.io", "library/root", null, null, "docker.io/library/root:latest")]
    [InlineData("root:tag", "docker.io", "library/root", "tag", null, "docker.io/library/root:tag")]
    [InlineData("root@" + Sha, "docker.io", "library/root", null, Sha, "docker.io/library/root@" + Sha)]
    [InlineData("user/repo", "docker.io", "user/repo", null, null, "docker.io/user/repo:latest")]
    [InlineData("user/repo:tag", "docker.io", "user/repo", "tag", null, "docker.io/user/repo:tag")]
    [InlineData("url:5000/repo", "url:5000", "repo", null, null, "url:5000/repo:latest")]
    [InlineData("url:5000/repo:tag", "url:5000", "repo", "tag", null, "url:5000/repo:tag")]
    [InlineData("url:5000/repo:latest@" + Sha, "url:5000", "repo", "latest", Sha, "url:5000/repo:latest@" + Sha)]
    [InlineData("127.0.0.1:5000/busybox", "127.0.0.1:5000", "busybox", null, null, "127.0.0.1:5000/busybox:latest")]
    [InlineData("localhost/app:v1", "localhost", "app", "v1", null, "localhost/app:v1")]
    [InlineData("index.docker.io/nginx", "docker.io", "library/nginx", null, null, "docker.io/library/nginx:latest")]
    [InlineData("docker.io/nginx:1.27", "docker.io", "library/nginx", "1.27", null, "docker.io/library/nginx:1.27")]
    [InlineData("quay.io/coreos/etcd:v3.5", "quay.io", "coreos/etcd", "v3.5", null, "quay.io/coreos/etcd:v3.5")]
    [InlineData("[::1]:5000/app", "[::1]:5000", "app", null, null, "[::1]:5000/app:latest")]
    [InlineData("Registry.Example.com/team/app", "Registry.Example.com", "team/app", null, null, "Registry.Example.com/team/app:latest")]
    public void Parse_NormalizesLikeDistributionReference(string image, string registry, string repository, string? tag, string? digest, string normalized)
    {
        var reference = ImageReference.Parse(image);

        reference.Registry.ShouldBe(registry);
        reference.Repository.ShouldBe(repository);
        reference.Tag.ShouldBe(tag);
        reference.Digest.ShouldBe(digest);
        reference.ToString().ShouldBe(normalized);
    }

    [Theory]
    [InlineData("ROOT", "must be lowercase")]
    [InlineData("http://root", "invalid reference format")]
    [InlineData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "cannot specify 64-byte hexadecimal strings")]
    [InlineData("", "at least one component")]
    [InlineData("busybox:", "invalid reference format")]
    [InlineData("busybox@sha256:abc", "invalid reference format")]
    [InlineData("busybox@md5:e3b0c44298fc1c149afbf4c8996fb924", "unsupported digest algorithm")]
    [InlineData("busybox\n", "invalid reference format")]
    public void TryParse_Invalid_ReportsUpstreamReason(string image, string reason)
    {
        ImageReference.TryParse(image, out var reference, out var error).ShouldBeFalse();

        reference.ShouldBeNull();
        error.ShouldContain(reason);
    }

    [Theory]
    [InlineData("busybox", "latest")]
    [InlineData("busybox:latest", "latest")]
    [InlineData("busybox:1.36", "1.36")]
    [InlineData("busybox@" + Sha, null)]
    [InlineData("busybox:1.36@" + Sha, "1.36")]
    public void EffectiveTag_IsLatestOnlyWithoutTagAndDigest(string image, string? tag) =>
        ImageReference.Parse(image).EffectiveTag.ShouldBe(tag);

    [Theory]
    [InlineData("busybox", "busybox:latest")]
    [InlineData("busybox:1.36", "busybox:1.36")]
    [InlineData("127.0.0.1:5000/busybox", "127.0.0.1:5000/busybox:latest")]
    [InlineData("busybox@" + Sha, "busybox@" + Sha)]
    public void ApplyDefaultTag_AppendsLatestWithoutQualifying(string image, string expected) =>
        ImageReference.ApplyDefaultTag(image).ShouldBe(expected);

    [Fact]
    public void ApplyDefaultTag_Invalid_ReturnsNull() => ImageReference.ApplyDefaultTag("UPPER").ShouldBeNull();

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionNamingTheImage() =>
        Should.Throw<FormatException>(() => ImageReference.Parse("ROOT")).Message.ShouldContain("\"ROOT\"");
}
