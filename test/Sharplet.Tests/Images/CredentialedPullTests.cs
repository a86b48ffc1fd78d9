using Grpc.Core;
using Sharplet.Cri.V1;
using Sharplet.Images;
using Sharplet.TestSupport;

namespace Sharplet.Tests.Images;

// upstream kuberuntime PullImage: anonymous without matching credentials, else each match until one works.
public sealed class CredentialedPullTests
{
    private const string Image = "127.0.0.1:5001/private/app:1";

    private readonly FakeImageService images = new();

    private static PodPullCredentials Credentials(IReadOnlyList<string> unavailable, params (string Location, string User)[] entries)
    {
        var keyring = new DockerKeyring();
        foreach (var (location, user) in entries)
        {
            keyring.Add(location, new RegistryCredential(user, "pw-" + user, string.Empty, "app/" + user));
        }

        return new PodPullCredentials(keyring, unavailable);
    }

    private Task<string> Pull(PodPullCredentials credentials) =>
        new CredentialedPull(images).PullAsync(Image, new ImageSpec { Image = Image }, credentials, null, CancellationToken.None);

    [Fact]
    public async Task NoMatchingCredentials_PullsAnonymously()
    {
        await Pull(Credentials([], ("quay.io", "other")));

        images.Auths.ShouldBe([null]);
    }

    [Fact]
    public async Task FirstCredentialRefused_SecondIsTried()
    {
        images.FailNextPull(Image, new RpcException(new Status(StatusCode.Unknown, "401 Unauthorized")));

        await Pull(Credentials([], ("127.0.0.1:5001/private", "specific"), ("127.0.0.1:5001", "host")));

        images.Auths.Select(a => a!.Username).ShouldBe(["specific", "host"]);
        images.Auths[1]!.Password.ShouldBe("pw-host");
    }

    [Fact]
    public async Task EveryCredentialRefused_NamesEachSecret_NotThePassword()
    {
        images.FailNextPull(Image, new RpcException(new Status(StatusCode.Unknown, "401 Unauthorized")));
        images.FailNextPull(Image, new RpcException(new Status(StatusCode.Unknown, "403 Forbidden")));

        var error = await Should.ThrowAsync<ImagePullException>(() => Pull(Credentials([], ("127.0.0.1:5001/private", "a"), ("127.0.0.1:5001", "b"))));

        error.Message.ShouldBe(
            "[401 Unauthorized (with the credentials of user \"a\" from image pull secret app/a), " +
            "403 Forbidden (with the credentials of user \"b\" from image pull secret app/b)]");
        error.Message.ShouldNotContain("pw-");
    }

    [Fact]
    public async Task AnonymousPullRefused_NamesTheSecretsThatCouldNotBeRead()
    {
        images.FailNextPull(Image, new RpcException(new Status(StatusCode.Unknown, "401 Unauthorized")));

        var error = await Should.ThrowAsync<ImagePullException>(() => Pull(Credentials(["regcred (secret \"regcred\" not found)"])));

        error.Message.ShouldBe("401 Unauthorized; image pull secrets that could not be read: regcred (secret \"regcred\" not found)");
    }
}
